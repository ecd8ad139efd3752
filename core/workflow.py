"""One workflow engine for every workflow of the project (DESIGN.md §3, issue 14).

A workflow is a table of `Transition`s declared once, in its app's `rules.py` (no database there):
from, to, the role that may make the move, whether a note is required, and the guards and effects
of the move. Guards and effects are plain functions of the `Move` being made; what they need from
the database (the approval chain, the month lock) they ask through `move.ctx`, the workflow's
context object that the app's services supply.

Every move of every workflow goes through `move()`:

1. the move must be in the table (else a ValidationError naming both states);
2. the actor must hold the transition's role, checked live by the context's `has_role` (else
   PermissionDenied with the workflow's message for that role); a move declared for several roles
   is made in the first one the actor holds;
3. the transition's guards, then the workflow's guards (each raises ValidationError to refuse);
4. the note, stripped, when the transition requires one;
5. the workflow's effects, then the transition's: they fill `move.fields`, the columns the UPDATE
   sets (an effect may even redirect the target state, e.g. a final verification);
6. the conditional UPDATE `filter(pk=…, status=from).update(**fields)`: a row count other than 1
   means someone else moved the object first; nothing is overwritten and the user is told;
7. the log row (who, when, from, to, note, and the role the actor acted in), in the same
   transaction; then the workflow's `after` steps (same transaction) and its `on_commit` hooks.

`allowed_moves(obj, actor)` lists the moves the actor may make now (templates draw the buttons).
The log model every workflow's log inherits is `core.models.TransitionLog`. This module imports
no domain app.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import audit

Step = Callable[["Move"], None]


@dataclass(frozen=True)
class Transition:
    """One allowed move of a workflow: who may make it and what it does."""

    frm: str
    to: str
    role: str
    note_required: bool = False
    note_message: str = ""  # said when the note is missing (gettext_noop); else the workflow's
    action: str = ""  # the name of the button or command that asks for this move
    guards: tuple[Step, ...] = ()
    effects: tuple[Step, ...] = ()


@dataclass
class Move:
    """One move being made: what guards and effects read, and the columns they want written."""

    workflow: Workflow
    obj: Any
    transition: Transition
    actor: Any
    note: str
    now: datetime
    extra: dict[str, Any]  # what the caller added (a verifier's minutes, a memo for a bulk move)
    fields: dict[str, Any] = field(default_factory=dict)
    ctx: Any = None

    @property
    def frm(self) -> str:
        return self.transition.frm

    @property
    def to(self) -> str:
        """The target state; an effect may have redirected it (`fields[status]`)."""
        return self.fields.get(self.workflow.status_field, self.transition.to)

    @property
    def role(self) -> str:
        return self.transition.role


class Context:
    """What a workflow's guards and effects may ask of the database; an app subclasses it."""

    def __init__(self, move: Move):
        self.move = move

    def has_role(self, role: str) -> bool:  # pragma: no cover - every workflow supplies its own
        raise NotImplementedError


_REGISTRY: dict[type[models.Model], Workflow] = {}


class Workflow:
    """A declared table bound to its model, its log model, its context and its messages."""

    def __init__(
        self,
        *,
        model: type[models.Model],
        transitions: Iterable[Transition],
        log_model: type[models.Model],
        log_fk: str,
        context: Callable[[Move], Context],
        role_messages: dict[str, str],
        not_in_table: str | Callable[[str, str], str],
        stale: str,
        note_message: str,
        status_field: str = "status",
        status_labels: Callable[[str], str] | None = None,
        guards: Sequence[Step] = (),
        effects: Sequence[Step] = (),
        after: Sequence[Step] = (),
        on_commit: Sequence[Step] = (),
        refresh: bool = False,
        codes: dict[str, str] | None = None,
        register: bool = True,
        audit: bool = False,
    ):
        self.model = model
        self.transitions = tuple(transitions)
        self.log_model = log_model
        self.log_fk = log_fk
        self.context = context
        self.role_messages = role_messages
        # the state names people read: the status field's own choices unless told otherwise
        labels = dict(model._meta.get_field(status_field).flatchoices)
        self.status_labels = status_labels or (lambda s: str(labels.get(s, s)))
        self.not_in_table = not_in_table
        self.stale = stale
        self.note_message = note_message
        self.status_field = status_field
        self.guards = tuple(guards)
        self.effects = tuple(effects)
        self.after = tuple(after)
        self.on_commit = tuple(on_commit)
        self.refresh = refresh
        self.codes = codes or {}  # ValidationError codes of "not_in_table" and "stale", when callers test them
        self.audit = audit  # every move also goes on the audit trail (core.audit): pay-relevant workflows
        # one move may be declared for several roles (an escalation acting in the atasan's place):
        # the first role the actor holds, in declared order, is the one the move is made and logged in
        self._table: dict[tuple[str, str], tuple[Transition, ...]] = {}
        for t in self.transitions:
            self._table[(t.frm, t.to)] = (*self._table.get((t.frm, t.to), ()), t)
        if len({(t.frm, t.to, t.role) for t in self.transitions}) != len(self.transitions):
            raise ValueError(f"{model.__name__}: a move is declared twice")
        if register:  # `move(obj, …)` finds the workflow by the object's model
            _REGISTRY[model] = self

    # --- the table -------------------------------------------------------------------------

    def transition(self, frm: str, to: str) -> Transition | None:
        """The move's first declaration (its main role); None when it is not in the table."""
        found = self._table.get((frm, to))
        return found[0] if found else None

    def source(self, action: str, role: str | None = None) -> str | None:
        """The one state from which `action` (as `role`) is made; None when there are several."""
        froms = {t.frm for t in self.transitions if t.action == action and (role is None or t.role == role)}
        return froms.pop() if len(froms) == 1 else None

    def target(self, action: str) -> str | None:
        """The one state that `action` moves to; None when there are several (or no such action)."""
        tos = {t.to for t in self.transitions if t.action == action} if action else set()
        return tos.pop() if len(tos) == 1 else None

    def actions(self, frm: str) -> set[str]:
        """The actions declared from state `frm` (whoever may make them)."""
        return {t.action for t in self.transitions if t.frm == frm}

    def refusal(self, frm: str, to: str) -> ValidationError:
        """The error for a move that is not in the table; `not_in_table` is a message naming both
        states (`%(s)s`, `%(t)s`) or a function of them returning the message."""
        if callable(self.not_in_table):
            message = self.not_in_table(frm, to)
        else:
            message = _(self.not_in_table) % {"s": self.status_labels(frm), "t": self.status_labels(to)}
        return ValidationError(message, code=self.codes.get("not_in_table"))

    # --- a move ----------------------------------------------------------------------------

    def prepare(self, obj: Any, to: str, *, actor: Any, note: str = "", **extra: Any) -> Move:
        """Steps 1–5: every check, and the columns to write; nothing is written."""
        frm = getattr(obj, self.status_field)
        declared = self._table.get((frm, to))
        if not declared:
            raise self.refusal(frm, to)
        now = timezone.now()
        for t in declared:
            m = Move(workflow=self, obj=obj, transition=t, actor=actor, note="", now=now, extra=extra)
            m.ctx = self.context(m)
            if m.ctx.has_role(t.role):
                break
        else:
            raise PermissionDenied(_(self.role_messages[declared[0].role]))
        for guard in (*t.guards, *self.guards):
            guard(m)
        m.note = (note or "").strip()
        if t.note_required and not m.note:
            raise ValidationError({"catatan": _(t.note_message or self.note_message)})
        m.fields[self.status_field] = t.to
        for effect in (*self.effects, *t.effects):
            effect(m)
        return m

    def apply(self, m: Move) -> Any:
        """Steps 6–7 for a prepared move: the conditional UPDATE (an INSERT for an object not yet
        saved: nobody else can hold it), the log row, the `after` steps and the on-commit hooks.
        Call it inside a transaction."""
        obj = m.obj
        if obj._state.adding:
            for name, value in m.fields.items():
                setattr(obj, name, value)
            obj.save()
        else:
            updated = type(obj)._default_manager.filter(pk=obj.pk, **{self.status_field: m.frm}).update(**m.fields)
            if updated != 1:
                raise ValidationError(_(self.stale), code=self.codes.get("stale"))
            if self.refresh:
                obj.refresh_from_db()
            else:
                # the row now holds exactly these values (the UPDATE matched it in state `frm`)
                for name, value in m.fields.items():
                    setattr(obj, name, value)
        self.log_model._default_manager.create(
            **{self.log_fk: obj}, dari=m.frm, ke=m.to, oleh=m.actor, peran=m.role, catatan=m.note
        )
        if self.audit:
            audit.catat(
                f"{self.model._meta.model_name}:{m.transition.action or m.to}",
                obj,
                actor=m.actor,
                peran=m.role,
                sebelum={self.status_field: m.frm},
                sesudah={**m.fields, "catatan": m.note} if m.note else m.fields,
            )
        for step in self.after:
            step(m)
        for hook in self.on_commit:
            transaction.on_commit(lambda hook=hook: hook(m))
        return obj

    def move(self, obj: Any, to: str, *, actor: Any, note: str = "", **extra: Any) -> Any:
        with transaction.atomic():
            return self.apply(self.prepare(obj, to, actor=actor, note=note, **extra))

    def allowed_moves(self, obj: Any, actor: Any) -> list[Transition]:
        """The moves `actor` may make on `obj` now: role and guards (a note and the effects' own
        checks are the form's business). Queries: the context's, per move from this state."""
        allowed = []
        frm = getattr(obj, self.status_field)
        extra: dict[str, Any] = {"memo": {}}  # one memo: the contexts share their lookups
        for t in self.transitions:
            if t.frm != frm:
                continue
            m = Move(workflow=self, obj=obj, transition=t, actor=actor, note="", now=timezone.now(), extra=extra)
            m.ctx = self.context(m)
            try:
                if not m.ctx.has_role(t.role):
                    continue
                for guard in (*t.guards, *self.guards):
                    guard(m)
            except (PermissionDenied, ValidationError):
                continue
            allowed.append(t)
        return allowed


def workflow_of(obj_or_model: Any) -> Workflow:
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    try:
        return _REGISTRY[model]
    except KeyError:
        raise LookupError(f"No workflow is declared for {model.__name__}") from None


def move(obj: Any, to: str, *, actor: Any, note: str = "", **extra: Any) -> Any:
    """Move `obj` to state `to` as `actor` through its declared workflow (the steps above)."""
    return workflow_of(obj).move(obj, to, actor=actor, note=note, **extra)


def allowed_moves(obj: Any, actor: Any) -> list[Transition]:
    return workflow_of(obj).allowed_moves(obj, actor)
