"""Small predicates that decide what is *not* a literal secret (references, placeholders, names).

Each is cheap and import-free; detect-secrets' heuristics are imported lazily, only by
``looks_like_credential`` on the name-aware path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "Reference",
    "find_references",
    "is_reference",
    "is_placeholder",
    "placeholder_reason",
    "is_secretish_name",
    "is_password_name",
    "looks_like_credential",
]


@dataclass(frozen=True, slots=True)
class Reference:
    """A reference inside a value; ``default`` is the span of a ``${VAR:-default}`` fallback."""

    start: int
    end: int
    name: str | None = None
    default: tuple[int, int] | None = None


# ${VAR:-default}, ${VAR-default}, ${VAR:=default}, ${VAR:?msg}, ${VAR:+alt}
_SHELL_DEFAULT_RE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[-=?+])([^{}]*)\}")
_REFERENCE_RES: tuple[re.Pattern[str], ...] = (
    re.compile(r"\$\{\{.*?\}\}", re.S),  # ${{ secrets.X }} (Continue, Actions)
    re.compile(r"\$\{[^{}]*\}"),  # ${VAR} ${env:VAR} ${input:id} ${user_config.x} ${file:/p}
    re.compile(r"(?<!\$)\$[A-Za-z_][A-Za-z0-9_]*"),  # $VAR (not the compose escape $$)
    re.compile(r"\{\{.*?\}\}", re.S),  # {{server.param}}
    re.compile(r"<%.*?%>", re.S),  # EJS <%- … %>
    re.compile(r"\{(?:env|file):[^{}]+\}"),  # opencode {env:VAR} {file:path}
    re.compile(r"\{[A-Za-z_][A-Za-z0-9_.-]*\}"),  # {name} templates
    re.compile(r"(?<![A-Za-z0-9%])%[A-Za-z_][A-Za-z0-9_]*%"),  # %VAR% (Windows)
    re.compile(r"\$\([A-Za-z_][A-Za-z0-9_]*\)"),  # $(VAR) (Makefile, Azure Pipelines)
)
_WHOLE_REFERENCE_RE = re.compile(
    r"""^(?:
        op://\S+ | vault:\S+ | vault://\S+ | bws://\S+ | sm://\S+ | gcpsm://\S+ | azurekv://\S+
      | arn:aws[\w-]*:(?:secretsmanager|ssm|kms):\S+
      | \S*secretKeyRef\S* | secretRef:?\S*
      | (?:env|file|secret|secrets|keychain|keyring):[A-Za-z_][\w./-]*
      # Code that reads a variable, from a file that is "almost JSON" (JS/Python configs)
      | (?:await\s+)?(?:process\.env|import\.meta\.env|Deno\.env|os\.environ|ENV|env)
        (?:\.[A-Za-z_$][\w$]*|\[\s*["'`][^"'`]+["'`]\s*\]|\.get\(\s*["'`][^"'`]+["'`][^)]*\))
        (?:\s*(?:\|\||\?\?|or)\s*\S+)?[,;]?
      | (?:os\.getenv|getenv|System\.getenv|env)\(\s*["'`][^"'`]+["'`][^)]*\)[,;]?
    )$""",
    re.X | re.I,
)


def find_references(value: str) -> list[Reference]:
    """All reference spans in ``value``, non-overlapping, in order."""
    found: list[Reference] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    for match in _SHELL_DEFAULT_RE.finditer(value):
        default = match.span(3) if match.group(2).lstrip(":") in "-=" and match.group(3) else None
        found.append(Reference(match.start(), match.end(), match.group(1), default))
        taken.append(match.span())
    for regex in _REFERENCE_RES:
        for match in regex.finditer(value):
            if free(*match.span()):
                name_match = re.search(r"[A-Za-z_][A-Za-z0-9_]*(?=\W*$)", match.group(0))
                found.append(Reference(match.start(), match.end(), name_match.group(0) if name_match else None))
                taken.append(match.span())
    return sorted(found, key=lambda ref: ref.start)


def is_reference(value: str) -> bool:
    """True if ``value`` is only references (plus a scheme or separators), not a literal."""
    text = value.strip()
    if not text:
        return False
    if _WHOLE_REFERENCE_RE.match(text):
        return True
    references = find_references(text)
    if not references:
        return False
    rest = list(text)
    for ref in references:
        rest[ref.start : ref.end] = [" "] * (ref.end - ref.start)
    leftover = re.sub(r"(?i)\b(?:bearer|basic|token|bot)\b", " ", "".join(rest))
    return re.fullmatch(r"[\s:;,/._=@-]*", leftover) is not None


_PLACEHOLDER_WORDS = (
    "your", "placeholder", "changeme", "change_me", "change-me", "replace", "example",
    "dummy", "redacted", "insert", "sample", "enter_", "enter-", "goes_here", "goes-here",
    "_here", "-here", "actual_api", "actual-api", "xxxxx", "****", "....", "••", "…",
)  # fmt: skip
_PLACEHOLDER_EXACT = frozenset(
    [
        "test",
        "testing",
        "demo",
        "none",
        "null",
        "nil",
        "undefined",
        "secret",
        "password",
        "passwd",
        "pass",
        "token",
        "apikey",
        "api_key",
        "api-key",
        "key",
        "value",
        "string",
        "str",
        "changeme",
        "default",
        "foo",
        "bar",
        "baz",
        "tbd",
        "todo",
        "na",
        "n/a",
        "empty",
        "redacted",
        "hidden",
        "masked",
        "secret_key",
        "secretkey",
        "access_token",
        "my_token",
        "mytoken",
        "my-token",
        "my_api_key",
    ]
)
# Short markers only count as whole words: a long random token may contain "tbd" by chance.
_PLACEHOLDER_WORD_RE = re.compile(r"(?i)(?<![a-z0-9])(?:todo|tbd|fake|fixme|xxx+)(?![a-z0-9])")
# Words that make up non-secret filler like "my-secret-key", "sk-your-api-key", "test-token-123".
_FILLER_WORDS = frozenset(
    [
        "my",
        "your",
        "the",
        "a",
        "an",
        "api",
        "key",
        "keys",
        "secret",
        "secrets",
        "token",
        "tokens",
        "password",
        "pass",
        "pwd",
        "access",
        "auth",
        "bearer",
        "here",
        "test",
        "testing",
        "demo",
        "dev",
        "local",
        "development",
        "prod",
        "value",
        "sk",
        "pk",
        "new",
        "some",
        "dummy",
        "sample",
        "fake",
        "mock",
        "default",
        "personal",
        "app",
        "service",
        "client",
        "id",
        "of",
        "for",
        "to",
        "goes",
        "put",
        "insert",
        "enter",
        "paste",
        "real",
        "actual",
        "abc",
        "abcd",
        "abcdef",
        "xyz",
        "foo",
        "bar",
        "baz",
        "qwerty",
        "letmein",
        "admin",
        "root",
        "user",
        "username",
        "login",
        "1",
        "12",
        "123",
        "1234",
        "12345",
        "123456",
        "1234567",
        "12345678",
        "123456789",
        "0",
        "00",
        "000",
        "0000",
    ]
)


def is_placeholder(value: str) -> bool:
    """True for documentation placeholders: ``<YOUR_TOKEN>``, ``xxxx``, ``sk-...``, ``changeme``…"""
    return placeholder_reason(value) is not None


# Characters people type to stand for the hidden part of a value; none occurs in a token alphabet
# (``x`` does, hence its own run length below).
_MASK_RE = re.compile(r"…|•|●|\.{3,}|\*{3,}|#{4,}|_{4,}")
_TEMPLATE_PART_RE = re.compile(r"<[^<>\s]{1,60}>|\[[A-Za-z _-]{2,60}\]|\{[A-Za-z _-]{2,60}\}")
_SAME_CHAR_RUN_RE = re.compile(r"(.)\1{3,}")
# A token up to this length is short enough that six equal characters in a row (probability
# ~1e-7 for a random 40-char token) mean it was typed by hand; longer ones (OpenSSH keys, X/Twitter
# bearer tokens, Entra refresh tokens) carry fixed runs such as ``AAAAAAAA`` from zero bytes.
_SHORT_TOKEN = 64
_SAMPLE_JWT_CLAIMS = ({"sub": "1234567890", "name": "John Doe"},)  # jwt.io's default example


def placeholder_reason(value: str) -> str | None:
    """Why ``value`` is documentation filler rather than a secret, or None if it may be real.

    The judgement is on the whole value's shape: masked parts, template parts, filler words,
    and how much truly variable text is left once fixed runs and repeats are set aside. A run
    inside a long token never decides alone (real keys carry runs like the ``AAAA`` of a header).
    """
    text = value.strip().strip("'\"")
    if not text:
        return "empty"
    lowered = text.lower()
    if lowered in _PLACEHOLDER_EXACT:
        return "a placeholder word"
    if (text[0], text[-1]) in {("<", ">"), ("[", "]"), ("{", "}"), ("(", ")")}:
        return "a template in brackets"
    if text.endswith(("...", "…")) or _MASK_RE.search(text):
        return "masked (a run of '.', '*' or '…' stands for the hidden part)"
    x_run = 4 if len(text) <= _SHORT_TOKEN else 6
    if re.search(f"x{{{x_run},}}|X{{{x_run},}}", text):
        return "masked (a run of 'x' stands for the hidden part)"
    if _TEMPLATE_PART_RE.search(text):
        return "contains a template part (<…>, [NAME])"
    if _has_placeholder_word(text, lowered):
        return "contains a placeholder word"
    if _PLACEHOLDER_WORD_RE.search(text):
        return "contains a placeholder marker (todo, fake, xxx)"
    if len(set(text)) <= 2:
        return "filler (one or two distinct characters)"
    runs = _filler_runs(text)
    if runs:
        return runs
    words = [w for w in re.split(r"[^a-z0-9]+", lowered) if w]
    if words and all(w in _FILLER_WORDS for w in words):
        return "made of filler words"
    if _is_sequential(text):
        return "a sequential run (abcdefg, 1234567, qwerty)"
    if _is_repeated_group(text):
        return "a repeated group (abcd1234abcd1234)"
    if _is_base64_of_words(text):
        return "base64 of plain words"
    if _is_sample_jwt(text):
        return "a well-known sample value"
    return None


def _has_placeholder_word(text: str, lowered: str) -> bool:
    """A placeholder word; inside a long token only as a whole word (random text spells "your")."""
    if len(text) <= _SHORT_TOKEN * 2:
        return any(word in lowered for word in _PLACEHOLDER_WORDS)
    pieces = set(re.split(r"[^a-z0-9]+", lowered))
    return any(word.strip("_-") in pieces for word in _PLACEHOLDER_WORDS if word.strip("_-").isalnum())


def _filler_runs(text: str) -> str | None:
    """Runs of one character: decisive in a short token, else only if little variable text is left."""
    if len(text) <= _SHORT_TOKEN:
        if re.search(r"(.)\1{5,}", text):
            return "filler (a run of one character)"
        return None
    variable = _SAME_CHAR_RUN_RE.sub("", text)
    if len(variable) < 16 or len(set(variable)) < 8:
        return "filler (runs of one character, little else)"
    return None


def _is_repeated_group(text: str) -> bool:
    """The value (or its body after a prefix) is one group typed again and again."""
    # The body after each prefix separator (``sk_live_`` + body) is judged too.
    cuts = [0] + [i + 1 for i, ch in enumerate(text[:24]) if ch in "-_."]
    for candidate in {text[cut:] for cut in cuts}:
        match = re.match(r"(.{2,32}?)\1+", candidate)
        if match and match.end() >= 0.75 * len(candidate) and len(candidate) >= 8:
            return True
    return False


_BASE64_RE = re.compile(r"^[A-Za-z0-9+/]{12,}={0,2}$|^[A-Za-z0-9_-]{12,}={0,2}$")


def _is_base64_of_words(text: str) -> bool:
    """``dGhpcyBpcyBub3QgYSBrZXk=``: base64 that decodes to a sentence, not key material."""
    if len(text) > 4096 or not _BASE64_RE.match(text):
        return False
    import base64
    import binascii

    padded = text + "=" * (-len(text) % 4)
    try:
        decoded = base64.b64decode(padded.replace("-", "+").replace("_", "/"), validate=True).decode("ascii")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return False
    return " " in decoded and re.fullmatch(r"[A-Za-z][A-Za-z ,.'!?-]*[A-Za-z.!?]?", decoded) is not None


def _is_sample_jwt(text: str) -> bool:
    """jwt.io's default token, copied into many READMEs: recognised by its claims."""
    if not text.startswith("eyJ") or text.count(".") != 2:
        return False
    from mcplint.detect.patterns import jwt_claims

    claims = jwt_claims(text) or {}
    return any(all(claims.get(k) == v for k, v in sample.items()) for sample in _SAMPLE_JWT_CLAIMS)


def _is_sequential(text: str) -> bool:
    """Contains a run like ``abcdefg``, ``1234567`` or ``qwertyu`` (detect-secrets' idea)."""
    lowered = text.lower()
    run = 1
    for previous, current in zip(lowered, lowered[1:], strict=False):
        run = run + 1 if ord(current) - ord(previous) == 1 else 1
        if run >= 7:
            return True
    return "qwerty" in lowered or "asdfgh" in lowered


_NAME_SPLIT_RE = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|[^A-Za-z0-9]+")
_SECRET_WORDS = frozenset(
    [
        "token",
        "tokens",
        "apikey",
        "apikeys",
        "secret",
        "secrets",
        "password",
        "passwd",
        "pwd",
        "pass",
        "passphrase",
        "pat",
        "rrt",  # GitLab runner registration token (GITLAB_RRT)
        "creds",
        "credential",
        "credentials",
        "accountkey",  # Azure storage (AZURE_STORAGE_ACCOUNTKEY)
        "auth",
        "authorization",
        "cookie",
        "privatekey",
        "accesskey",
        "secretkey",
        "apitoken",
        "authtoken",
        "bearer",
        "signingkey",
        "encryptionkey",
        "masterkey",
        "sessionkey",
    ]
)
_NON_SECRET_LAST_WORDS = frozenset(
    [
        "id",
        "ids",
        "url",
        "uri",
        "urls",
        "endpoint",
        "host",
        "hostname",
        "port",
        "path",
        "file",
        "files",
        "dir",
        "env",
        "var",
        "vars",
        "name",
        "names",
        "region",
        "type",
        "header",
        "headers",
        "prefix",
        "suffix",
        "format",
        "mode",
        "version",
        "enabled",
        "disabled",
        "ttl",
        "expiry",
        "expires",
        "expiration",
        "timeout",
        "length",
        "count",
        "size",
        "scope",
        "scopes",
        "user",
        "username",
        "email",
        "account",
        "tenant",
        "owner",
        "project",
        "org",
        "issuer",
        "audience",
        "algorithm",
        "alg",
        "kid",
        "helper",
        "command",
        "cmd",
        "location",
        "ref",
        "field",
        "label",
        "description",
        "hint",
        "help",
    ]
)
_NON_SECRET_WORDS = frozenset({"publishable", "public", "pub", "anon"})
_PASSWORD_WORDS = frozenset({"password", "passwd", "pwd", "pass", "passphrase", "dbpass"})
_SHORT_FLAGS = frozenset({"-p", "-k", "-t", "-a"})


_KEY_ENDINGS = ("apikey", "accesskey", "secretkey", "privatekey", "accountkey")


@lru_cache(maxsize=4096)
def _name_words(name: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in _NAME_SPLIT_RE.split(name.strip()) if w)


@lru_cache(maxsize=4096)
def is_secretish_name(name: str | None) -> bool:
    """Whether a key/flag/header name suggests a credential (``GITHUB_TOKEN``, ``apiKey``, ``-p``)."""
    if not name:
        return False
    stripped = name.strip()
    if stripped in _SHORT_FLAGS:
        return True
    words = _name_words(stripped)
    if not words:
        return False
    if words[-1] in _NON_SECRET_LAST_WORDS or any(w in _NON_SECRET_WORDS for w in words):
        # AWS_SECRET_ACCESS_KEY_ID does not exist; a *_KEY_ID is an identifier.
        return False
    joined = "".join(words)
    if any(w in _SECRET_WORDS for w in words) or joined in _SECRET_WORDS:
        return True
    if words[-1] in {"key", "keys"} or joined.endswith(_KEY_ENDINGS):
        return True
    return words[-1] == "sig" or joined in {"xapikey", "apikey", "xkey"}


def is_password_name(name: str | None) -> bool:
    """Whether a name is specifically a password (``PG_PASSWORD``, ``--password``, ``-p``)."""
    if not name:
        return False
    if name.strip() == "-p":
        return True
    return any(w in _PASSWORD_WORDS or w.endswith("password") for w in _name_words(name.strip()))


_NUMBER_RE = re.compile(r"^[+-]?\d+(?:[.,]\d+)*$")
_VERSION_RE = re.compile(r"^[v=^~<>]*\d+(?:\.\d+)+(?:[-+.][0-9A-Za-z.-]+)?$")
_UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_ENV_NAME_RE = re.compile(r"^_*[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+_*$")  # also _LIBCPP_… style macros
# Code, not a value: member access (``pIdx->key``, ``Foo::bar``) or a call.
_CODE_RE = re.compile(r"^[A-Za-z_][\w]*(?:->|::)[A-Za-z_][\w>:-]*$|^[A-Za-z_][\w.]*\([^()]*\)[,;]?$")
_HOSTNAME_RE = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}(?::[0-9]{1,5})?$")
# Cloud project ids and resource names: words and numbers joined by dashes (``acme-prod-482913``).
_SLUG_ID_RE = re.compile(r"^[a-z]+(?:[-_](?:[a-z]+|[0-9]+))+$")
_PATH_RE = re.compile(r"^(?:~|\.{1,2})?[/\\]|^[A-Za-z]:[/\\]|\.(?:pem|key|json|p12|pfx|crt|cer|txt|env|ya?ml|toml)$")
_LOWER_PATH_RE = re.compile(r"^[a-z0-9_.-]+(?:/[a-z0-9_.-]+)+/?$")  # kv/team/app-token, secret-manager paths
_PUBLIC_PREFIXES = ("phc_", "pk_live_", "pk_test_", "sb_publishable_", "pub-")
_SEALED_OR_DIGEST_RE = re.compile(r"^(?:Ag[A-Za-z0-9+/]{200,}={0,2}|sha(?:1|256|384|512):[0-9a-fA-F]{32,})$")
_BOOLEAN_WORDS = frozenset(["true", "false", "yes", "no", "on", "off", "none", "null", "enabled", "disabled", "auto"])


# Well-known default passwords of database and broker images: a config holding one is a sample.
_DEFAULT_PASSWORDS = frozenset({"postgres", "mysql", "mariadb", "root", "admin", "guest", "redis", "mongo", "sa"})


def looks_like_word_password(value: str) -> bool:
    """A human-chosen password that is one word (``sunshine``, ``Dragonfly``): :func:`looks_like_credential`
    refuses those, since alone they read as names; a rule that knows the password goes to a remote
    host may still report them. Not a placeholder, a default, a reference or a boolean."""
    text = value.strip()
    if not 6 <= len(text) <= 64 or not text.isascii() or not text.isalpha():
        return False
    lowered = text.lower()
    if lowered in _BOOLEAN_WORDS or lowered in _DEFAULT_PASSWORDS:
        return False
    return not (is_placeholder(text) or is_reference(text))


def looks_like_credential(value: str, *, password: bool = False, key: str | None = None) -> bool:
    """Whether a literal under a secret-ish name looks like a real credential.

    ``password`` relaxes the shape test for human-chosen passwords (``Tr0ub4dor&3``) but still
    refuses single words, numbers, paths, URLs and versions.
    """
    text = value.strip()
    if len(text) < 6 or any(ch.isspace() for ch in text):
        return False
    lowered = text.lower()
    if lowered in _BOOLEAN_WORDS or _NUMBER_RE.match(text) or _VERSION_RE.match(text):
        return False
    if "://" in text or _PATH_RE.search(text) or _LOWER_PATH_RE.match(text) or _ENV_NAME_RE.match(text):
        return False
    if text.startswith(_PUBLIC_PREFIXES):
        return False  # publishable / project keys meant for clients
    if _SEALED_OR_DIGEST_RE.match(text):
        return False  # encrypted SealedSecret payloads and content digests are not usable secrets
    if _CODE_RE.match(text) or _HOSTNAME_RE.match(text) or _SLUG_ID_RE.match(text):
        return False  # code, a host name, or a project / resource id written under a secret-ish name
    if is_placeholder(text) or is_reference(text):
        return False
    if re.fullmatch(r"[A-Za-z]+|[a-z]+(?:[-_.][a-z]+)*", text):
        return False  # a single word or words-with-dashes ("postgres", "my-local-db")
    if re.fullmatch(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text):
        return False  # an e-mail address
    classes = sum(bool(re.search(p, text)) for p in (r"[a-z]", r"[A-Z]", r"[0-9]", r"[^A-Za-z0-9]"))
    if password:  # human-chosen: letters plus digits/symbols ("3000:3000" is a port mapping)
        return re.search(r"[A-Za-z]", text) is not None and (classes >= 2 and len(text) >= 8 or classes >= 3)
    if len(text) < 16 and not (len(text) >= 10 and _strong_name(key) and _mixed_random(text)):
        # Under a strong name (``*_SECRET``, ``*_API_KEY``) a 10-15 char value that mixes upper,
        # lower and digits is a short generated secret; shorter or plainer values are too often
        # ids, flags or names to report.
        return False
    if classes < 2:
        return False
    if _UUID_RE.match(text):
        return _uuid_is_key(key)
    return not _heuristic_non_secret(text)


def _uuid_is_key(key: str | None) -> bool:
    """A UUID is a key (Smithery, Exa, Heroku, client secrets) under a key/token/secret name.

    Under any other name (``*_TENANT_ID``, ``*_CLIENT_ID``, ``project``) it is an identifier.
    """
    words = _name_words(key) if key else ()
    return bool(words) and words[-1] in {"key", "apikey", "token", "secret", "secretkey", "accesskey", "pat"}


_STRONG_LAST_WORDS = frozenset({"secret", "secretkey", "apikey", "password", "passwd", "accesskey", "privatekey"})


def _strong_name(key: str | None) -> bool:
    """``*_SECRET``, ``*_API_KEY``, ``*_PASSWORD``, ``--secret``: names that only ever hold secrets."""
    words = _name_words(key) if key else ()
    if not words:
        return False
    return words[-1] in _STRONG_LAST_WORDS or (words[-1] == "key" and len(words) > 1 and words[-2] == "api")


def _mixed_random(text: str) -> bool:
    """Upper, lower and digits only, not a word-and-number shape: how short generated secrets look.

    Symbols point to a human-chosen password (``Harbor42!moss``): those are left to the password
    rules (``*_PASSWORD`` names here, MCP010 in deployments).
    """
    return (
        re.fullmatch(r"[A-Za-z0-9_-]+", text) is not None
        and all(re.search(p, text) for p in (r"[a-z]", r"[A-Z]", r"[0-9]"))
        and not re.fullmatch(r"[A-Z]?[a-z]{2,}[0-9]+(?:[A-Z]?[a-z]+)?", text)  # Summer2024, Harbor42moss
    )


def _heuristic_non_secret(text: str) -> bool:
    """detect-secrets' heuristics, imported lazily (the import costs ~0.1 s)."""
    from detect_secrets.filters import heuristic

    return bool(
        heuristic.is_sequential_string(text)
        or heuristic.is_templated_secret(text)
        or heuristic.is_indirect_reference(f"value = {text}")
    )
