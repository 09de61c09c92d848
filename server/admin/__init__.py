"""Administration shared by the admin command line and the admin API: teams, users, roles,
devices, hand-over, team sharing and field rules. Every change is audited in its transaction."""
