package dev.authsvc.query.user;

/**
 * The tables that hold {@link UserView} rows: the live one every reader uses, and the one a rebuild fills from the
 * history before its rows replace the live ones. SQL names a table only through this enum, never from input.
 */
public enum UserViewTable {
    LIVE("user_view"),
    REBUILD("user_view_rebuild");

    private final String sqlName;

    UserViewTable(String sqlName) {
        this.sqlName = sqlName;
    }

    public String sqlName() {
        return sqlName;
    }
}
