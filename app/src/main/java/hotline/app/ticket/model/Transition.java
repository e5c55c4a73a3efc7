package hotline.app.ticket.model;

import hotline.app.account.model.Role;

import java.util.Set;

/** One row of the transition table: from a state, an action, by one of these roles, leads to a state. */
public record Transition(TicketState from, TicketAction action, Set<Role> roles, TicketState to) {

    public Transition {
        roles = Set.copyOf(roles);
    }

    public boolean permits(Role role) {
        return roles.contains(role);
    }
}
