"""Registration for events: the form, the seat-keeping rules, the emails."""
