import pytest

from desktop.domain.ops import OpKind
from desktop.domain.roles import Role, can, can_approve, followup_writers, with_writer


def test_roles_are_the_protocol_roles():
    assert {r.value for r in Role} == {"staff", "admin", "supervisor", "coordinator"}


@pytest.mark.parametrize("action", ["note.add", "followup.create", "followup.edit", "complaint.claim"])
def test_staff_actions(action):
    for role in Role:
        assert can(role, action)


@pytest.mark.parametrize("action", ["disposition.create", "complaint.assign", "complaint.status", "followup.submit"])
def test_admin_actions(action):
    assert not can("staff", action)
    assert can("admin", action)
    assert can("supervisor", action)
    assert can("coordinator", action)


@pytest.mark.parametrize("action", ["followup.approve", "followup.return"])
def test_only_supervisors_sign_off(action):
    assert [r for r in Role if can(r, action)] == [Role.SUPERVISOR]


def test_four_eyes():
    assert can_approve(Role.SUPERVISOR, "u1", ["u2"])
    assert not can_approve(Role.SUPERVISOR, "u1", ["u1"])
    assert not can_approve(Role.ADMIN, "u1", ["u2"])


def test_four_eyes_counts_every_writer_not_only_the_author():
    # staff wrote it, the supervisor changed it: the supervisor never signs it off; another one may.
    assert not can_approve(Role.SUPERVISOR, "kepala", ["staf", "kepala"])
    assert can_approve(Role.SUPERVISOR, "kepala2", ["staf", "kepala"])
    assert not can_approve(Role.SUPERVISOR, "", ["staf"])  # nobody signed in approves nothing
    with pytest.raises(TypeError):
        can_approve(Role.SUPERVISOR, "u", "u1")  # type: ignore[arg-type]  # a bare id is not a set of writers


def test_writers_from_the_wire_and_after_an_edit():
    assert followup_writers({"author_id": "a", "writer_ids": ["a", "b"]}) == ["a", "b"]
    assert followup_writers({"author_id": "a"}) == ["a"]  # mirrored before the hub listed writers
    assert followup_writers({"author_id": "a", "writer_ids": None}) == ["a"]
    assert followup_writers({}) == []
    assert with_writer(["a"], "b") == ["a", "b"]
    assert with_writer(["a", "b"], "a") == ["a", "b"]  # once, first-writing order kept


def test_unknown_role_or_action_may_do_nothing():
    assert not can("root", OpKind.NOTE_ADD)
    assert not can(Role.SUPERVISOR, "complaint.delete")
