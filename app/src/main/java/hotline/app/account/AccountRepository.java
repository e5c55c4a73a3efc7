package hotline.app.account;

import hotline.app.account.model.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Repository
public class AccountRepository {

    private static final String COLUMNS =
            "id, username, display_name, role, password_hash, enabled, department_id, roster_priority";

    private final JdbcClient jdbc;

    public AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Account> findByUsername(String username) {
        return jdbc.sql("select " + COLUMNS + " from account where username = ?")
                .param(username).query(AccountRepository::map).optional();
    }

    public List<Account> findAll() {
        return jdbc.sql("select " + COLUMNS + " from account order by role, username").query(AccountRepository::map).list();
    }

    public List<Account> findByRole(Role role) {
        return jdbc.sql("select " + COLUMNS + " from account where role = ? and enabled order by roster_priority, username")
                .param(role.name()).query(AccountRepository::map).list();
    }

    /** Creates the account unless the username exists; returns whether it was created. */
    public boolean insertIfAbsent(Account a) {
        return jdbc.sql("""
                        insert into account (id, username, display_name, role, password_hash, enabled, department_id, roster_priority)
                        values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (username) do nothing""")
                .params(a.id(), a.username(), a.displayName(), a.role().name(), a.passwordHash(), a.enabled(),
                        a.departmentId(), a.rosterPriority())
                .update() == 1;
    }

    private static Account map(ResultSet rs, int row) throws SQLException {
        return new Account(rs.getObject("id", UUID.class), rs.getString("username"), rs.getString("display_name"),
                Role.valueOf(rs.getString("role")), rs.getString("password_hash"), rs.getBoolean("enabled"),
                rs.getString("department_id"), rs.getInt("roster_priority"));
    }
}
