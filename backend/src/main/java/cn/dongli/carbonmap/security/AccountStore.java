package cn.dongli.carbonmap.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The accounts table. Passwords are kept only as BCrypt hashes. */
@Repository
class AccountStore {

    /** An account as stored, with its password hash and creation time. */
    record Stored(Account account, String passwordHash, OffsetDateTime createdAt) {
    }

    private static final String SELECT = "SELECT username, password_hash, roles, enabled, street_code, layers,"
            + " created_at, plan_values FROM account";

    private final JdbcTemplate jdbc;

    AccountStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Stored> find(String username) {
        return jdbc.query(SELECT + " WHERE username = ?", AccountStore::map, username).stream().findFirst();
    }

    List<Stored> all() {
        return jdbc.query(SELECT + " ORDER BY username", AccountStore::map);
    }

    long count() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM account", Long.class);
        return n == null ? 0 : n;
    }

    void create(Account a, String passwordHash) {
        jdbc.update("INSERT INTO account (username, password_hash, roles, enabled, street_code, layers, created_at,"
                        + " plan_values) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", a.username(), passwordHash, roles(a.roles()),
                a.enabled(), a.streetCode(), layers(a.layers()), OffsetDateTime.now(ZoneOffset.UTC), a.planValues());
    }

    void update(Account a) {
        jdbc.update("UPDATE account SET roles = ?, enabled = ?, street_code = ?, layers = ?, plan_values = ?"
                        + " WHERE username = ?", roles(a.roles()), a.enabled(), a.streetCode(), layers(a.layers()),
                a.planValues(), a.username());
    }

    void setPassword(String username, String passwordHash) {
        jdbc.update("UPDATE account SET password_hash = ? WHERE username = ?", passwordHash, username);
    }

    private static String roles(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
    }

    private static String layers(List<String> layers) {
        return layers == null ? null : String.join(",", layers);
    }

    private static Stored map(ResultSet rs, int row) throws SQLException {
        Set<Role> roles = Arrays.stream(rs.getString(3).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(Role::valueOf).collect(Collectors.toSet());
        String layers = rs.getString(6);
        Account a = new Account(rs.getString(1), roles,
                layers == null ? null : Arrays.stream(layers.split(",")).filter(s -> !s.isBlank()).toList(),
                rs.getString(5), rs.getBoolean(4), rs.getBoolean(8));
        return new Stored(a, rs.getString(2), rs.getObject(7, OffsetDateTime.class));
    }
}
