"""Kubernetes Role that lets an MCP server read every Secret, or grants wildcards.

## What it does
Reads the Kubernetes manifests of the scan for `Role`/`ClusterRole` rules that grant `get`, `list`
or `watch` on `secrets` without `resourceNames` (so: every Secret of the namespace, or of the
cluster), or a `*` verb or resource. Such a role is reported when a `RoleBinding` or
`ClusterRoleBinding` in the scan binds it to the service account of an MCP server workload (a
Deployment, StatefulSet, DaemonSet, Job, CronJob or Pod whose name, labels, image or containers
mention `mcp`), or, when no binding in the scan refers to the role, when the role sits in the same
file or directory as such a workload (its own manifest set). Roles bound only to other workloads
are left alone.

## Why is this bad?
An MCP server executes tool calls an LLM chose, possibly steered by prompt injection in the data it
reads. If its service account can read every Secret, one injected instruction can dump every
database password and API token of the namespace. Kubernetes' RBAC good practices
(https://kubernetes.io/docs/concepts/security/rbac-good-practices/): only the workload that needs a
secret may read it, and only that secret.

## Example
```yaml
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: tracker-mcp}
rules:
  - apiGroups: [""]
    resources: ["secrets"]
    verbs: ["get", "list", "watch"]
```

## Use instead
```yaml
rules:
  - apiGroups: [""]
    resources: ["secrets"]
    resourceNames: ["tracker-mcp-token"]
    verbs: ["get"]
```
or mount the one Secret the server needs with `secretKeyRef` and grant no Secret access at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Iterator

from mcplint.model import McpConfig
from mcplint.parse.document import Mapping, Node, Scalar, Sequence, walk
from mcplint.results.findings import Finding
from mcplint.rules.base import Context, Rule
from mcplint.rules.common import make_finding

READ_VERBS = frozenset({"get", "list", "watch", "*"})
WORKLOAD_KINDS = frozenset({"Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "Pod", "ReplicaSet"})
_MCP_WORD = re.compile(r"(?i)(?<![a-z])mcp")  # tracker-mcp, mcp_server, mcpserver; not "kmcp"


def _text(node: Node | None) -> str | None:
    return node.value if isinstance(node, Scalar) and isinstance(node.value, str) else None


def _strings(node: Node | None) -> list[str]:
    if isinstance(node, Sequence):
        return [item.value for item in node.items if isinstance(item, Scalar) and isinstance(item.value, str)]
    text = _text(node)
    return [text] if text is not None else []


def _metadata(doc: Mapping) -> tuple[str | None, str | None]:
    meta = doc.get("metadata")
    if not isinstance(meta, Mapping):
        return None, None
    return _text(meta.get("name")), _text(meta.get("namespace"))


@dataclass(slots=True)
class Grant:
    """A rule of a Role that is too broad, with the node to point at."""

    node: Node
    reason: str


@dataclass(slots=True)
class Role:
    kind: str
    name: str
    namespace: str | None
    config: McpConfig
    grants: list[Grant] = field(default_factory=list)


@dataclass(slots=True)
class Binding:
    role_kind: str
    role_name: str
    namespace: str | None
    subjects: list[tuple[str, str, str | None]]  # (kind, name, namespace)
    name: str


@dataclass(frozen=True, slots=True)
class Workload:
    name: str
    namespace: str | None
    service_account: str
    relpath: str


def broad_grants(doc: Mapping) -> list[Grant]:
    """The rules of a Role/ClusterRole granting all-Secret reads or wildcards."""
    grants: list[Grant] = []
    rules = doc.get("rules")
    for rule in rules.items if isinstance(rules, Sequence) else []:
        if not isinstance(rule, Mapping) or rule.get("nonResourceURLs") is not None:
            continue
        groups = set(_strings(rule.get("apiGroups"))) or {""}
        resources = set(_strings(rule.get("resources")))
        verbs = {verb.lower() for verb in _strings(rule.get("verbs"))}
        named = bool(_strings(rule.get("resourceNames")))
        anchor = rule.get("resources") or rule
        if named:
            continue
        core = bool(groups & {"", "*"})
        if core and resources & {"secrets", "*"} and verbs & READ_VERBS:
            what = "every Secret" if "secrets" in resources else "every resource, Secrets included"
            reason = f"grants {', '.join(sorted(verbs & READ_VERBS))} on {what} (no resourceNames)"
            grants.append(Grant(anchor, reason))
        elif "*" in verbs or "*" in resources:
            wild = "verb" if "*" in verbs else "resource"
            grants.append(Grant(rule.get("verbs") if wild == "verb" else anchor, f"grants a * {wild}"))
    return grants


def _is_mcp_workload(doc: Mapping, relpath: str) -> bool:
    """Name, labels, image or container names mention ``mcp`` (or the manifest's path does)."""
    texts: list[str] = [relpath]
    for path, node in walk(doc):
        if not isinstance(node, Scalar) or not isinstance(node.value, str) or not path:
            continue
        last = path[-1]
        if last in ("name", "image", "app", "app.kubernetes.io/name", "app.kubernetes.io/component", "component"):
            texts.append(node.value)
    return any(_MCP_WORD.search(text) for text in texts)


def _service_account(doc: Mapping) -> str:
    for path, node in walk(doc):
        if path and path[-1] in ("serviceAccountName", "serviceAccount") and _text(node):
            return str(_text(node))
    return "default"


def collect(configs: list[McpConfig]) -> tuple[list[Role], list[Binding], list[Workload]]:
    """Roles with broad grants, bindings and MCP workloads of every Kubernetes manifest."""
    roles: list[Role] = []
    bindings: list[Binding] = []
    workloads: list[Workload] = []
    for config in configs:
        if config.kind != "kubernetes":
            continue
        for doc in config.document.roots:
            if not isinstance(doc, Mapping):
                continue
            kind = _text(doc.get("kind")) or ""
            name, namespace = _metadata(doc)
            if kind in ("Role", "ClusterRole") and name:
                grants = broad_grants(doc)
                if grants:
                    roles.append(Role(kind, name, namespace, config, grants))
            elif kind in ("RoleBinding", "ClusterRoleBinding"):
                ref = doc.get("roleRef")
                subjects = doc.get("subjects")
                if not isinstance(ref, Mapping):
                    continue
                found = []
                for subject in subjects.items if isinstance(subjects, Sequence) else []:
                    if isinstance(subject, Mapping):
                        found.append((_text(subject.get("kind")) or "", _text(subject.get("name")) or "",
                                      _text(subject.get("namespace"))))  # fmt: skip
                role_kind, role_name = _text(ref.get("kind")) or "", _text(ref.get("name")) or ""
                bindings.append(Binding(role_kind, role_name, namespace, found, name or kind))
            elif kind in WORKLOAD_KINDS and name and _is_mcp_workload(doc, config.relpath):
                workloads.append(Workload(name, namespace, _service_account(doc), config.relpath))
    return roles, bindings, workloads


def _same_namespace(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _refers_to(binding: Binding, role: Role) -> bool:
    if binding.role_kind != role.kind or binding.role_name != role.name:
        return False
    return role.kind == "ClusterRole" or _same_namespace(binding.namespace, role.namespace)


def _binds(subject: tuple[str, str, str | None], binding: Binding, workload: Workload) -> bool:
    """Whether one subject of a binding covers the workload's service account."""
    kind, name, namespace = subject
    if kind == "ServiceAccount":
        return name == workload.service_account and _same_namespace(namespace or binding.namespace, workload.namespace)
    if kind == "Group":
        groups = {"system:serviceaccounts", "system:authenticated"}
        if workload.namespace:
            groups.add(f"system:serviceaccounts:{workload.namespace}")
        return name in groups
    return False


def _bound_workloads(binding: Binding, workloads: list[Workload]) -> list[Workload]:
    return [w for w in workloads if any(_binds(subject, binding, w) for subject in binding.subjects)]


def _near(role: Role, workloads: list[Workload]) -> list[Workload]:
    """MCP workloads in the role's file or directory (its manifest set)."""
    folder = PurePosixPath(role.config.relpath).parent
    return [w for w in workloads if w.relpath == role.config.relpath or PurePosixPath(w.relpath).parent == folder]


def check_project(configs: list[McpConfig], ctx: Context) -> Iterator[Finding]:
    """Broad roles bound to (or shipped with) an MCP server's service account."""
    roles, bindings, workloads = collect(configs)
    if not roles or not workloads:
        return
    for role in roles:
        referring = [b for b in bindings if _refers_to(b, role)]
        if referring:
            pairs = [(b, w) for b in referring for w in _bound_workloads(b, workloads)]
            if not pairs:
                continue
            binding, workload = pairs[0]
            how = (
                f'bound by {binding.name} to service account "{workload.service_account}"'
                f' of MCP server "{workload.name}"'
            )
        else:
            near = _near(role, workloads)
            if not near:
                continue
            how = f'shipped with MCP server "{near[0].name}" (no binding for it in the scan)'
        for grant in role.grants:
            message = (
                f'{role.kind} "{role.name}" {grant.reason}; it is {how}. Limit it to the Secrets the'
                " server needs with resourceNames, or drop Secret access and mount them with secretKeyRef."
            )
            span = grant.node.span
            yield make_finding(
                RULE, role.config, span.start, span.end, message, anchor=f"{role.kind}/{role.name}#{grant.reason}"
            )


RULE = Rule(
    code="MCP015",
    name="broad-secret-access",
    summary="Role bound to an MCP server grants read access to every Secret, or wildcards",
    severity="warning",
    category="rbac",
    security_severity="6.5",
    precision="medium",
    check_project=check_project,
    doc=__doc__,
)
