package cn.dongli.carbonmap.security;

import java.util.List;
import java.util.Set;

/**
 * An account of CarbonMap and what it may do.
 *
 * @param username the sign-in name
 * @param roles its roles
 * @param layers for editors: the layers it may write, or null for all
 * @param streetCode if set (and not an admin), it writes only features inside this street (街道), every part of them,
 *                   and takes no district-wide action
 * @param enabled whether it may sign in
 * @param planValues for editors without a street: whether it may enter the plan's indicator values (admins always
 *                   may; plan values are district-wide, so a street-scoped editor never does)
 */
public record Account(String username, Set<Role> roles, List<String> layers, String streetCode, boolean enabled,
                      boolean planValues) {

    /** Whether the account has the role. */
    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Whether it may enter the plan's indicator values: admins, and editors without a street granted them. */
    public boolean mayEnterPlanValues() {
        return enabled && (has(Role.ADMIN) || (has(Role.EDITOR) && planValues && streetCode == null));
    }
}
