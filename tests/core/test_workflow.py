"""The one workflow engine (core.workflow): the table, the live role, the note, the conditional
UPDATE, the log row with its role, the on-commit hooks, and the buttons a person may see."""

from datetime import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from activities import services
from activities.choices import Peran, Status
from activities.models import Aktivitas, AktivitasLog
from core import workflow
from core.workflow import Context, Transition, Workflow
from tests.helpers import TODAY

fired: list[tuple[str, str, int]] = []


class _Konteks(Context):
    """Roles by account: the owner's user is OWNER, anyone named in extra["atasan"] is ATASAN."""

    def has_role(self, role):
        m = self.move
        if role == "OWNER":
            return m.actor == m.obj.pegawai.user
        return m.actor == m.extra.get("atasan")


def _stamp(m):
    m.fields["diajukan_pada"] = m.now


def _guard(m):
    if m.extra.get("tolak"):
        raise ValidationError("Ditolak penjaga.")


def _hook(m):
    fired.append((m.frm, m.to, m.obj.pk))


def _workflow() -> Workflow:
    return Workflow(
        model=Aktivitas,
        transitions=[
            Transition(Status.DRAFT, Status.SUBMITTED, "OWNER", action="ajukan", effects=(_stamp,)),
            Transition(Status.SUBMITTED, Status.RETURNED, "ATASAN", True, action="kembalikan", guards=(_guard,)),
        ],
        log_model=AktivitasLog,
        log_fk="aktivitas",
        context=_Konteks,
        role_messages={"OWNER": "Hanya pemilik.", "ATASAN": "Hanya atasan."},
        status_labels=lambda s: Status(s).label,
        not_in_table="Tidak dapat dari %(s)s ke %(t)s.",
        stale="Sudah diproses orang lain.",
        note_message="Tulis catatan.",
        on_commit=(_hook,),
        register=False,
    )


@pytest.fixture
def draft(cast):
    fired.clear()
    return services.aktivitas_save(
        actor=cast.pegawai.user,
        tanggal=TODAY,
        jam_mulai=time(8),
        jam_selesai=time(9),
        nama_kegiatan="Menyusun surat",
        menit_diajukan=60,
        uraian="3 surat",
    )


def test_an_allowed_move_updates_the_row_logs_it_with_the_role_and_fires_the_hook(
    cast, draft, django_capture_on_commit_callbacks
):
    wf = _workflow()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        wf.move(draft, Status.SUBMITTED, actor=cast.pegawai.user)
    assert len(callbacks) == 1
    assert fired == [(Status.DRAFT, Status.SUBMITTED, draft.pk)]
    row = Aktivitas.objects.get(pk=draft.pk)
    assert row.status == Status.SUBMITTED and row.diajukan_pada is not None
    assert draft.status == Status.SUBMITTED  # the caller's object holds what was written
    log = AktivitasLog.objects.get(aktivitas=draft)
    assert (log.dari, log.ke, log.oleh, log.peran, log.catatan) == (
        Status.DRAFT,
        Status.SUBMITTED,
        cast.pegawai.user,
        "OWNER",
        "",
    )


def test_a_move_outside_the_table_is_refused_naming_both_states(cast, draft):
    with pytest.raises(ValidationError) as e:
        _workflow().move(draft, Status.VALIDATED, actor=cast.pegawai.user)
    assert e.value.messages == ["Tidak dapat dari Draf ke Divalidasi."]
    assert not AktivitasLog.objects.filter(aktivitas=draft).exists()


def test_a_refused_role_writes_nothing_and_fires_nothing(cast, draft, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(PermissionDenied) as e:
        _workflow().move(draft, Status.SUBMITTED, actor=cast.atasan.user)
    assert str(e.value) == "Hanya pemilik."
    assert (Aktivitas.objects.get(pk=draft.pk).status, callbacks, fired) == (Status.DRAFT, [], [])
    assert not AktivitasLog.objects.filter(aktivitas=draft).exists()


def test_a_missing_note_is_refused_on_the_note_field(cast, draft):
    wf = _workflow()
    wf.move(draft, Status.SUBMITTED, actor=cast.pegawai.user)
    with pytest.raises(ValidationError) as e:
        wf.move(draft, Status.RETURNED, actor=cast.atasan.user, note="   ", atasan=cast.atasan.user)
    assert e.value.message_dict == {"catatan": ["Tulis catatan."]}
    assert Aktivitas.objects.get(pk=draft.pk).status == Status.SUBMITTED


def test_a_guard_refuses_before_anything_is_written(cast, draft):
    wf = _workflow()
    wf.move(draft, Status.SUBMITTED, actor=cast.pegawai.user)
    with pytest.raises(ValidationError, match="Ditolak penjaga"):
        wf.move(draft, Status.RETURNED, actor=cast.atasan.user, note="x", atasan=cast.atasan.user, tolak=True)
    assert AktivitasLog.objects.filter(aktivitas=draft).count() == 1


def test_a_concurrent_move_matches_no_row_and_overwrites_nothing(cast, draft):
    seen = Aktivitas.objects.get(pk=draft.pk)  # the page shows a draft ...
    # ... which another tab submits meanwhile
    Aktivitas.objects.filter(pk=draft.pk).update(status=Status.SUBMITTED, catatan="from the other tab")
    with pytest.raises(ValidationError) as e:
        _workflow().move(seen, Status.SUBMITTED, actor=cast.pegawai.user)
    assert e.value.messages == ["Sudah diproses orang lain."]
    row = Aktivitas.objects.get(pk=draft.pk)
    assert (row.status, row.catatan, row.diajukan_pada) == (Status.SUBMITTED, "from the other tab", None)
    assert not AktivitasLog.objects.filter(aktivitas=draft).exists()


def test_allowed_moves_are_those_of_the_current_state_the_actor_holds_the_role_for(cast, draft):
    wf = _workflow()
    assert [t.to for t in wf.allowed_moves(draft, cast.pegawai.user)] == [Status.SUBMITTED]
    assert wf.allowed_moves(draft, cast.atasan.user) == []


# --- the activity workflow, declared in activities.rules and run by the engine -----------------


def test_the_activity_workflow_is_found_by_the_model_and_logs_the_role(cast, draft):
    workflow.move(draft, Status.SUBMITTED, actor=cast.pegawai.user)
    workflow.move(draft, Status.RETURNED, actor=cast.atasan.user, note="Lampirkan notulen")
    assert list(AktivitasLog.objects.filter(aktivitas=draft).values_list("ke", "peran", "catatan")) == [
        (Status.SUBMITTED, Peran.OWNER, ""),
        (Status.RETURNED, Peran.ATASAN, "Lampirkan notulen"),
    ]


def test_allowed_moves_draws_the_atasan_buttons_and_none_for_the_owner(cast, draft):
    services.aktivitas_submit(actor=cast.pegawai.user, aktivitas=draft)
    assert [t.action for t in workflow.allowed_moves(draft, cast.atasan.user)] == ["verifikasi", "kembalikan"]
    assert workflow.allowed_moves(draft, cast.pegawai.user) == []


def test_the_source_of_an_action_comes_from_the_declaration():
    wf = services.WORKFLOW
    assert wf.source("verifikasi") == Status.SUBMITTED
    assert wf.source("kembalikan") is None  # from two states: the form says which one was seen
    assert wf.source("kembalikan", Peran.ATASAN_ATASAN) == Status.VERIFIED


def test_the_target_of_an_action_comes_from_the_declaration():
    from skp import services as skp_services
    from skp.choices import Status as SkpStatus

    wf = skp_services.WORKFLOW
    assert (wf.target("ajukan"), wf.target("setujui"), wf.target("kembalikan")) == (
        SkpStatus.DIAJUKAN,
        SkpStatus.DISETUJUI,
        SkpStatus.DIKEMBALIKAN,
    )
    assert wf.target("") is None and wf.target("hapus") is None


def test_the_four_workflows_are_declared_once_and_their_logs_know_every_role():
    from attendance.models import Permohonan
    from skp.models import Skp
    from tpp.models import PeriodeTpp

    for model in (Aktivitas, Permohonan, Skp, PeriodeTpp):
        wf = workflow.workflow_of(model)
        assert wf.model is model and wf.transitions
        roles = {value for value, _label in wf.log_model._meta.get_field("peran").choices}
        assert {t.role for t in wf.transitions} <= roles, model.__name__
        assert set(wf.role_messages) == {t.role for t in wf.transitions}, model.__name__
