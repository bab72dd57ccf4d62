package cn.dongli.carbonmap.security;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.dongli.carbonmap.audit.AuditLog;
import cn.dongli.carbonmap.error.ProblemException;
import cn.dongli.carbonmap.layer.LayerCatalog;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The admins' screen behind the web client: list, add, disable and change accounts ({@code /api/accounts}). */
@RestController
@RequestMapping("/api/accounts")
class AccountController {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.\\-]{2,64}");
    static final int MIN_PASSWORD = 10;
    /** BCrypt reads the first 72 bytes of a password and refuses longer ones. */
    static final int MAX_PASSWORD_BYTES = 72;

    /** An account as an admin writes it; null members are left as they are on update. */
    record AccountForm(String username, String password, List<String> roles, List<String> layers, String street,
                       Boolean enabled, Boolean planValues) {
    }

    private final AccountStore accounts;
    private final PasswordEncoder encoder;
    private final LayerCatalog catalog;
    private final EditPermissions permissions;
    private final AuditLog audit;
    private final SecurityContextRepository contexts;

    AccountController(AccountStore accounts, PasswordEncoder encoder, LayerCatalog catalog,
                      EditPermissions permissions, AuditLog audit, SecurityContextRepository contexts) {
        this.contexts = contexts;
        this.accounts = accounts;
        this.encoder = encoder;
        this.catalog = catalog;
        this.permissions = permissions;
        this.audit = audit;
    }

    @GetMapping
    List<Map<String, Object>> list() {
        return accounts.all().stream().map(AccountController::json).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> create(@RequestBody AccountForm form) {
        if (form.username() == null || !USERNAME.matcher(form.username()).matches()) {
            throw invalid("username must be 2–64 letters, digits, '.', '_' or '-'");
        }
        if (accounts.find(form.username()).isPresent()) {
            throw new ProblemException(409, "account-exists", "Account exists",
                    "there is already an account '" + form.username() + "'");
        }
        checkPassword(form.password());
        Account a = new Account(form.username(), roles(form.roles()), layers(form.layers()), street(form.street()),
                form.enabled() == null || form.enabled(), Boolean.TRUE.equals(form.planValues()));
        accounts.create(a, encoder.encode(form.password()));
        audit.record(Accounts.required().username(), "account-created", a.username() + " " + a.roles()
                + (a.layers() == null ? "" : " layers " + a.layers())
                + (a.streetCode() == null ? "" : " street " + a.streetCode())
                + (a.planValues() ? " plan values" : ""));
        return json(accounts.find(a.username()).orElseThrow());
    }

    @PutMapping("/{username}")
    Map<String, Object> update(@PathVariable String username, @RequestBody AccountForm form,
                               HttpServletRequest request, HttpServletResponse response) {
        AccountStore.Stored stored = accounts.find(username).orElseThrow(() -> ProblemException.notFound(
                "unknown-account", "there is no account '" + username + "'"));
        Account a = stored.account();
        Account changed = new Account(a.username(), form.roles() == null ? a.roles() : roles(form.roles()),
                form.layers() == null ? a.layers() : layers(form.layers()),
                form.street() == null ? a.streetCode() : street(form.street()),
                form.enabled() == null ? a.enabled() : form.enabled(),
                form.planValues() == null ? a.planValues() : form.planValues());
        if (username.equals(Accounts.required().username())
                && (!changed.enabled() || !changed.has(Role.ADMIN))) {
            throw invalid("an admin cannot disable or demote their own account");
        }
        if (form.password() != null) {
            checkPassword(form.password());
        }
        accounts.update(changed);
        if (form.password() != null) {
            accounts.setPassword(username, encoder.encode(form.password()));
        }
        if (form.password() != null && username.equals(Accounts.required().username())
                && request.getSession(false) != null) {
            // the admin's own session goes on with the new password; their other sessions end at their next request
            // (CurrentAccountFilter)
            AccountStore.Stored now = accounts.find(username).orElseThrow();
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(AccountPrincipal.authentication(now.account(), now.passwordHash(),
                    SecurityContextHolder.getContext().getAuthentication()));
            SecurityContextHolder.setContext(context);
            contexts.saveContext(context, request, response);
        }
        audit.record(Accounts.required().username(), "account-changed", username + " " + changed.roles()
                + (changed.layers() == null ? "" : " layers " + changed.layers())
                + (changed.streetCode() == null ? "" : " street " + changed.streetCode())
                + (changed.planValues() ? " plan values" : "")
                + (changed.enabled() ? "" : " disabled") + (form.password() != null ? " password changed" : ""));
        return json(accounts.find(username).orElseThrow());
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD) {
            throw invalid("the password must have at least " + MIN_PASSWORD + " characters");
        }
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw invalid("the password must have at most " + MAX_PASSWORD_BYTES + " bytes in UTF-8 (BCrypt reads no"
                    + " more): " + MAX_PASSWORD_BYTES + " letters or digits, or 24 Chinese characters");
        }
    }

    private static Set<Role> roles(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw invalid("give at least one role: ADMIN, EDITOR, SURVEYOR or VIEWER");
        }
        Set<Role> out = new HashSet<>();
        for (String n : names) {
            if (n == null || n.isBlank()) {
                throw invalid("a role is missing: the roles are ADMIN, EDITOR, SURVEYOR, VIEWER");
            }
            try {
                out.add(Role.valueOf(n.trim().toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw invalid("unknown role '" + n + "': the roles are ADMIN, EDITOR, SURVEYOR, VIEWER");
            }
        }
        return out;
    }

    private List<String> layers(List<String> names) {
        if (names == null || names.isEmpty()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (n == null) {
                throw invalid("a layer is missing: name the layers the account may write");
            }
            out.add(catalog.get(n).name());
        }
        return out;
    }

    private String street(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        if (permissions.street(code).isEmpty()) {
            throw invalid("there is no street with code '" + code + "'");
        }
        return code;
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(422, "invalid-account", "Invalid account", detail);
    }

    private static Map<String, Object> json(AccountStore.Stored s) {
        Account a = s.account();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("username", a.username());
        m.put("roles", a.roles().stream().map(Role::name).sorted().toList());
        m.put("layers", a.layers());
        m.put("street", a.streetCode());
        m.put("enabled", a.enabled());
        m.put("planValues", a.planValues());
        m.put("createdAt", s.createdAt().toInstant().toString());
        return m;
    }
}
