package cn.dongli.carbonmap.security;

/** What an account may do. */
public enum Role {
    /** Accounts and every layer. */
    ADMIN,
    /** Writes to the layers. */
    EDITOR,
    /** Forest plots and their survey attributes. */
    SURVEYOR,
    /** Reads only. */
    VIEWER
}
