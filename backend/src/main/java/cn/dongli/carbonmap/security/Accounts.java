package cn.dongli.carbonmap.security;

import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import cn.dongli.carbonmap.error.ProblemException;

/** The account of the current request. */
public final class Accounts {

    private Accounts() {
    }

    /** The signed-in account, if any. */
    public static Optional<Account> current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof AccountPrincipal p) {
            return Optional.of(p.account());
        }
        return Optional.empty();
    }

    /**
     * The signed-in account.
     *
     * @throws ProblemException 401 if nobody is signed in
     */
    public static Account required() {
        return current().orElseThrow(() -> new ProblemException(401, "unauthenticated", "Authentication required",
                "sign in with an account to do this"));
    }
}
