package hotline.app.ticket;

/** What the ticket feature needs to know about handling departments; the department feature provides it. */
public interface DepartmentDirectory {

    boolean isActive(String departmentId);
}
