package hotline.app.department;

import hotline.app.ticket.DepartmentDirectory;
import hotline.app.ticket.model.Category;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

@Repository
public class DepartmentRepository implements DepartmentDirectory {

    private final JdbcClient jdbc;

    public DepartmentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Department> findActive() {
        return jdbc.sql("select * from department where active order by id").query(DepartmentRepository::map).list();
    }

    public Optional<Department> findById(String id) {
        return jdbc.sql("select * from department where id = ?").param(id).query(DepartmentRepository::map).optional();
    }

    @Override
    public boolean isActive(String id) {
        return findById(id).map(Department::active).orElse(false);
    }

    public void insertIfAbsent(Department d) {
        jdbc.sql("""
                        insert into department (id, name, name_en, kind, categories, active) values (?, ?, ?, ?, ?, ?)
                        on conflict (id) do nothing""")
                .params(d.id(), d.name(), d.nameEn(), d.kind().name(),
                        d.categories().stream().map(Enum::name).sorted().collect(Collectors.joining(",")), d.active())
                .update();
    }

    private static Department map(ResultSet rs, int row) throws SQLException {
        String categories = rs.getString("categories");
        Set<Category> set = categories == null || categories.isBlank() ? EnumSet.noneOf(Category.class)
                : Arrays.stream(categories.split(",")).map(String::trim).map(Category::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Category.class)));
        return new Department(rs.getString("id"), rs.getString("name"), rs.getString("name_en"),
                Department.Kind.valueOf(rs.getString("kind")), set, rs.getBoolean("active"));
    }
}
