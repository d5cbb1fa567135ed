"""One verb table per procedure: the API endpoints, the HTML action forms and 我的待办 share names.

A module declares, beside its API, which service performs each transition and what input it takes:

    RECONSIDERATION_VERBS = VerbTable(
        procedure="disputes.reconsideration",
        basename="reconsiderations",                         # /api/v1/disputes/reconsiderations/<pk>/<slug>/
        route="disputes-reconsideration",                    # URL names: disputes-reconsideration-<slug>
        queryset=selectors.reconsiderations_visible_to,      # user -> the cases the user may see
        output=s.ReconsiderationDetailOut,                   # the case after the verb
        verbs=[
            Verb("accept", lambda u, c, d: services.accept_application(actor=u, case=c, **d),
                 api_input=s.ReconsiderationAcceptIn, form=forms.AcceptForm),
            Verb("hearing", ..., perm="disputes.handle_case", states={"accepted"}),   # not a transition
        ],
    )
    urlpatterns += RECONSIDERATION_VERBS.api_urls()

* A verb named like a transition is offered when `procedures.options` allows it; its URL slug is the
  transition name with hyphens (`request_amendment` → `request-amendment`), so every action in
  我的待办 and the my-tasks API (`url`) maps to a real endpoint (tests check every transition).
* A verb that is not a transition (`perm=` and `states=`) is an extra action on the case page.
* The API view: the case from `queryset(user)` (404 otherwise) → `api_input` validated → `perform`
  → `output` of the case read again. Errors take the ADR 0001 shape (fazhi.api.exception_handler).
* `html_actions(case, user)` gives the forms for the case page (blocked transitions with their
  reason); `html_post(request, case, name, rerender)` validates and performs one of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.urls import URLPattern, path

from .declare import get_procedure

Perform = Callable[[Any, Any, dict[str, Any]], Any]

_TABLES: dict[str, VerbTable] = {}


def slug(name: str) -> str:
    """The URL segment of a verb: the transition name with hyphens."""
    return name.replace("_", "-")


@dataclass(frozen=True)
class Verb:
    name: str
    perform: Perform
    api_input: Any = None  # a DRF Serializer class; None = no body
    form: Any = None  # a Django Form class for the case page; None = API only
    label: str = ""
    doc: str = ""
    perm: str | None = None  # only for a verb that is not a transition
    states: frozenset[str] | set[str] | None = None  # only for a verb that is not a transition

    @property
    def slug(self) -> str:
        return slug(self.name)


@dataclass(frozen=True)
class HtmlAction:
    """One action form on a case page (a blocked one carries its reason and no form)."""

    name: str
    label: str
    url: str
    form: Any
    allowed: bool = True
    reason: str = ""


@dataclass
class VerbTable:
    procedure: str
    basename: str
    route: str
    queryset: Callable[[Any], Any]
    output: Any
    verbs: list[Verb]
    detail: Callable[[Any, int], Any] | None = None  # (user, pk) -> case for the response
    html_route: str | None = None  # URL name of the HTML action view, taking pk and action
    api_namespace: str = ""  # the URL namespace the api_urls() are included under, if any
    _by_name: dict[str, Verb] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        names = [v.name for v in self.verbs]
        if len(names) != len(set(names)):
            raise ImproperlyConfigured(f"Verb table {self.procedure}: a verb is declared twice")
        self._by_name = {v.name: v for v in self.verbs}
        _TABLES[self.procedure] = self

    # --- declared against the procedure (checked lazily: procedures register at app loading) ------
    def transition_verbs(self) -> list[Verb]:
        proc = get_procedure(self.procedure)
        return [v for v in self.verbs if v.name in proc._by_name]

    def check(self) -> list[str]:
        """Problems with the table: extra verbs without perm/states, transitions without a verb."""
        proc = get_procedure(self.procedure)
        problems = []
        for v in self.verbs:
            is_t = v.name in proc._by_name
            if not is_t and (v.perm is None or v.states is None):
                problems.append(f"verb “{v.name}” is no transition of {proc.code}: give it perm= and states=")
            if is_t and (v.perm is not None or v.states is not None):
                problems.append(
                    f"verb “{v.name}” is a transition: its permission and states are the procedure's"
                )
        for t in proc.transitions:
            if not t.by_system and t.name not in self._by_name:
                problems.append(f"transition “{t.name}” of {proc.code} has no verb")
        return problems

    def verb(self, name: str) -> Verb | None:
        return self._by_name.get(name)

    # --- the API ---------------------------------------------------------------------------------
    def api_urls(self) -> list[URLPattern]:
        return [
            path(
                f"{self.basename}/<int:pk>/{v.slug}/",
                self._api_view(v).as_view(),
                name=f"{self.route}-{v.slug}",
            )
            for v in self.verbs
        ]

    def api_url_name(self, name: str) -> str | None:
        return f"{self.route}-{slug(name)}" if name in self._by_name else None

    def _api_view(self, verb: Verb) -> Any:
        from django.shortcuts import get_object_or_404

        from drf_spectacular.utils import extend_schema
        from rest_framework.request import Request
        from rest_framework.response import Response
        from rest_framework.views import APIView

        table = self
        proc = get_procedure(self.procedure)
        t = proc._by_name.get(verb.name)
        summary = verb.label or (t.display if t is not None else verb.name)
        description = verb.doc or (t.basis if t is not None and t.basis else "")

        def post(self: APIView, request: Request, pk: int) -> Response:
            case = get_object_or_404(table.queryset(request.user), pk=pk)
            data: dict[str, Any] = {}
            if verb.api_input is not None:
                body = verb.api_input(data=request.data)
                body.is_valid(raise_exception=True)
                data = dict(body.validated_data)
            verb.perform(request.user, case, data)
            fresh = (
                table.detail(request.user, pk) if table.detail else table.queryset(request.user).get(pk=pk)
            )
            return Response(table.output(fresh).data)

        decorated = extend_schema(
            operation_id=f"{self.route.replace('-', '_')}_{verb.name}",
            summary=summary,
            description=description,
            request=verb.api_input,
            responses=self.output,
        )(post)
        name = "".join(p.capitalize() for p in f"{self.route}-{verb.slug}".split("-")) + "Api"
        return type(name, (APIView,), {"post": decorated, "__doc__": summary})

    # --- the case page ---------------------------------------------------------------------------
    def offered(self, case: Any, user: Any) -> list[tuple[Verb, bool, str]]:
        """(verb, allowed now, reason) for the verbs this user may take in the case's state."""
        from .selectors import options

        out: list[tuple[Verb, bool, str]] = []
        for o in options(case, user):
            v = self._by_name.get(o.name)
            if v is not None:
                out.append((v, o.allowed, o.reason))
        for v in self.verbs:
            if (
                v.perm is not None
                and v.states is not None
                and case.state in v.states
                and user.has_perm(v.perm, case)
            ):
                out.append((v, True, ""))
        return out

    def label(self, verb: Verb) -> str:
        t = get_procedure(self.procedure)._by_name.get(verb.name)
        return verb.label or (t.display if t is not None else verb.name)

    def html_actions(
        self,
        case: Any,
        user: Any,
        *,
        initial: dict[str, Any] | None = None,
        bound: tuple[str, Any] | None = None,
    ) -> list[HtmlAction]:
        """The action forms of the case page, named like the API verbs; blocked ones with their reason."""
        from django.urls import reverse

        out = []
        for v, allowed, reason in self.offered(case, user):
            if v.form is None:
                continue
            url = reverse(self.html_route, args=[case.pk, v.name]) if self.html_route else ""
            form = bound[1] if bound and bound[0] == v.name else v.form(initial=initial or {})
            out.append(HtmlAction(v.name, self.label(v), url, form if allowed else None, allowed, reason))
        return out

    def html_post(self, request: Any, case: Any, name: str) -> tuple[bool, Any]:
        """Validate and perform verb `name` from a posted form: (done, form). Unknown or not offered
        → Http404 / PermissionDenied; service errors land on the form (field or non-field)."""
        from django.core.exceptions import PermissionDenied
        from django.http import Http404

        v = self._by_name.get(name)
        if v is None or v.form is None:
            raise Http404("没有这个办理环节。")
        offered = {o[0].name: o for o in self.offered(case, request.user)}
        if name not in offered:
            raise PermissionDenied(f"您现在不能办理“{self.label(v)}”。")
        form = v.form(request.POST, request.FILES or None)
        if not form.is_valid():
            return False, form
        try:
            v.perform(request.user, case, dict(form.cleaned_data))
        except ValidationError as exc:
            apply_errors(form, exc)
            return False, form
        return True, form


def apply_errors(form: Any, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its field where the form has one, else on top."""
    if hasattr(exc, "error_dict"):
        for key, errors in exc.error_dict.items():
            target = key if key in form.fields else None
            for e in errors:
                form.add_error(target, e.messages[0] if hasattr(e, "messages") else str(e))
    else:
        for m in exc.messages:
            form.add_error(None, m)


def tables() -> list[VerbTable]:
    """Every declared verb table (a module's tables are declared when its API urls are imported)."""
    return list(_TABLES.values())


def table_for(procedure: str) -> VerbTable | None:
    return _TABLES.get(procedure)


def action_urls(procedure: str, names: Iterable[str], case_pk: int) -> dict[str, str]:
    """The API URL of each named action of a case (for the my-tasks API); actions of a procedure
    without a table, or not routed in the current URLconf, are left out."""
    from django.urls import NoReverseMatch, reverse

    table = _TABLES.get(procedure)
    if table is None:
        return {}
    out = {}
    for n in names:
        url_name = table.api_url_name(n)
        if url_name is None:
            continue
        try:
            out[n] = reverse(
                f"{table.api_namespace}:{url_name}" if table.api_namespace else url_name, args=[case_pk]
            )
        except NoReverseMatch:
            continue
    return out
