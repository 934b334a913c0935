"""Per-family recognisers used by :mod:`mcplint.recognise`.

``builder`` holds the shared slot/server machinery; ``client_files`` the client configuration
family (``mcpServers``, VS Code, Zed, Continue, Codex, Goose, opencode, …); ``manifests`` the
server manifests (registry ``server.json``, MCPB, smithery, Docker catalog); ``deploy`` Compose,
Kubernetes and Helm; ``dotenv`` dotenv files; ``clients`` the :data:`CLIENTS` table.
"""
