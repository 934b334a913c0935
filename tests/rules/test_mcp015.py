"""MCP015 broad-secret-access."""

from __future__ import annotations

from pathlib import Path

from conftest import make_repo
from rule_helpers import (
    hits,
    line_of,
    run,
)

DEPLOYMENT = """apiVersion: apps/v1
kind: Deployment
metadata: {name: tracker-mcp, namespace: tools}
spec:
  template:
    spec:
      serviceAccountName: tracker-mcp
      containers:
        - name: server
          image: example/tracker-mcp:1.2.0
"""
ROLE = """apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: secret-reader, namespace: tools}
rules:
  - apiGroups: [""]
    resources: ["configmaps"]
    verbs: ["get"]
  - apiGroups: [""]
    resources: ["secrets"]
    verbs: ["get", "list", "watch"]
"""
BINDING = """apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: tracker-reads-secrets, namespace: tools}
subjects:
  - kind: ServiceAccount
    name: SA_NAME
    namespace: tools
roleRef: {kind: Role, name: secret-reader, apiGroup: rbac.authorization.k8s.io}
"""


def test_mcp015_reports_role_bound_to_mcp_service_account(tmp_path: Path) -> None:
    root = make_repo(
        tmp_path,
        {
            "deploy/app.yaml": DEPLOYMENT,
            "rbac/role.yaml": ROLE,
            "rbac/binding.yaml": BINDING.replace("SA_NAME", "tracker-mcp"),
        },
    )
    (finding,) = hits(run(root, "MCP015"), "MCP015")
    assert finding.path == "rbac/role.yaml"
    assert finding.span.line == line_of(root, "rbac/role.yaml", '["secrets"]')
    assert "tracker-reads-secrets" in finding.message and "tracker-mcp" in finding.message
    assert (finding.severity, finding.category) == ("warning", "rbac")


def test_mcp015_reports_wildcard_role_shipped_with_mcp_server(tmp_path: Path) -> None:
    wildcard = (
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: everything}\nrules:\n"
        '  - apiGroups: ["apps"]\n    resources: ["deployments"]\n    verbs: ["*"]\n'
    )
    root = make_repo(tmp_path, {"k8s/all.yaml": DEPLOYMENT + "---\n" + wildcard})
    (finding,) = hits(run(root, "MCP015"), "MCP015")
    assert finding.span.line == line_of(root, "k8s/all.yaml", 'verbs: ["*"]')
    assert "no binding" in finding.message


def test_mcp015_clean_cases(tmp_path: Path) -> None:
    named = ROLE.replace('verbs: ["get", "list", "watch"]', 'resourceNames: ["tracker-token"]\n    verbs: ["get"]')
    root = make_repo(
        tmp_path,
        {
            "named/app.yaml": DEPLOYMENT,
            "named/role.yaml": named,
            # a broad role bound to another workload's account only
            "other/app.yaml": DEPLOYMENT,
            "other/role.yaml": ROLE,
            "other/binding.yaml": BINDING.replace("SA_NAME", "billing-api"),
            # a broad role with no MCP workload anywhere near it
            "infra/role.yaml": ROLE.replace("secret-reader", "infra-reader"),
        },
    )
    assert hits(run(root, "MCP015"), "MCP015") == []
