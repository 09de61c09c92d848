"""Who may see and change what: decided here, on the server, for every route and every pull."""
