package cn.dongli.carbonmap.security;

import java.security.SecureRandom;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Creates the first account, {@code admin}, when the database has none. Its password is read from
 * {@code CARBONMAP_ADMIN_PASSWORD}; without it one is generated and printed once.
 */
@Component
@Order(0)
class AdminBootstrap implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final AccountStore accounts;
    private final PasswordEncoder encoder;
    private final Environment environment;

    AdminBootstrap(AccountStore accounts, PasswordEncoder encoder, Environment environment) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (accounts.count() > 0) {
            return;
        }
        String password = environment.getProperty("CARBONMAP_ADMIN_PASSWORD");
        boolean generated = password == null || password.isBlank();
        if (generated) {
            SecureRandom random = new SecureRandom();
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            password = sb.toString();
        }
        accounts.create(new Account("admin", Set.of(Role.ADMIN), null, null, true, false), encoder.encode(password));
        if (generated) {
            // Printed once, on the console only: the operator must note it (or set CARBONMAP_ADMIN_PASSWORD).
            System.out.println("\n  CarbonMap created the account 'admin' with the password: " + password
                    + "\n  (shown only now; set CARBONMAP_ADMIN_PASSWORD before the first start to choose it)\n");
        }
        LOG.info("created the initial admin account");
    }
}
