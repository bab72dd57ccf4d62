package cn.dongli.carbonmap.security;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The accounts table. */
@Repository
class AccountStore {

    /** An account as stored; the password only as its BCrypt hash. */
    record Account(String username, String passwordHash, Set<Role> roles, boolean enabled, String streetCode) {
    }

    private final JdbcTemplate jdbc;

    AccountStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Account> find(String username) {
        List<Account> found = jdbc.query(
                "SELECT username, password_hash, roles, enabled, street_code FROM account WHERE username = ?",
                (rs, i) -> new Account(rs.getString(1), rs.getString(2), roles(rs.getString(3)), rs.getBoolean(4),
                        rs.getString(5)), username);
        return found.stream().findFirst();
    }

    long count() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM account", Long.class);
        return n == null ? 0 : n;
    }

    void create(String username, String passwordHash, Set<Role> roles, String streetCode) {
        jdbc.update("INSERT INTO account (username, password_hash, roles, enabled, street_code, created_at)"
                        + " VALUES (?, ?, ?, TRUE, ?, ?)", username, passwordHash,
                roles.stream().map(Role::name).sorted().collect(Collectors.joining(",")), streetCode,
                OffsetDateTime.now(ZoneOffset.UTC));
    }

    private static Set<Role> roles(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Role::valueOf)
                .collect(Collectors.toSet());
    }
}
