"""Customer records: contacts, companies, deals, tasks, notes, activities (no Qt)."""
