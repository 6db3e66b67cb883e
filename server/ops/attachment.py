"""`attachment.add`: a file already uploaded through the blob lane is attached to a complaint, a note or a follow-up.

Appends (never conflicts on base_version). The blob must be complete on the hub and the actor allowed to use it
(server.blobs.may_use: they uploaded its bytes, or see an attachment of it), else `rejected`/`blob_missing`, worded
alike whether the blob is missing or someone else's, so a known hash reveals nothing: the desk uploads first
(HEAD/PUT /blobs) and sends the op after. Size and type follow the blob lane's limits.
"""

from __future__ import annotations

from sqlalchemy import select

from desktop.domain.ops import OpKind
from server.blobs import SHA_RE, filename_allowed, max_attachment, may_use, mime_allowed
from server.models import Attachment, Blob, Complaint, FollowUp, Note
from server.ops.base import OpContext, OpRejected, register


@register(OpKind.ATTACHMENT_ADD)
def attachment_add(ctx: OpContext) -> Complaint:
    row = ctx.complaint()
    ctx.open_for_append(row)
    p = ctx.op.payload
    owner_type, owner_id = p.get("owner_type"), p.get("owner_id")
    if owner_type == "complaint":
        if owner_id not in (None, row.id):
            raise OpRejected("invalid", "payload.owner_id must be the complaint's id.")
        owner_id = row.id
    elif owner_type in ("followup", "note"):
        owner: FollowUp | Note | None = (ctx.session.get(FollowUp, str(owner_id)) if owner_type == "followup"
                                         else ctx.session.get(Note, str(owner_id)))
        if owner is None or owner.complaint_id != row.id:
            raise OpRejected("not_found", f"No {owner_type} {owner_id} on this complaint.")
    else:
        raise OpRejected("invalid", "payload.owner_type must be complaint, followup or note.")
    filename = ctx.text("filename", max_len=255) or ""
    mime = ctx.text("mime", max_len=127) or ""
    sha = str(p.get("sha256", "")).lower()
    size = p.get("size")
    if not SHA_RE.match(sha) or not isinstance(size, int) or isinstance(size, bool) or size <= 0:
        raise OpRejected("invalid", "payload.sha256 must be 64 hex digits and payload.size a positive integer.")
    if size > max_attachment():
        raise OpRejected("too_large", f"Attachments are limited to {max_attachment()} bytes.")
    if not mime_allowed(mime) or not filename_allowed(filename):
        raise OpRejected("bad_type", "This file type cannot be attached.")
    # The blob's row stays locked until the attachment commits: `lapor-hub prune` takes the same lock before it
    # removes an orphan, and looks for attachments again once it has it.
    blob = ctx.session.scalars(select(Blob).where(Blob.sha256 == sha).with_for_update()).first()
    if blob is None or not blob.complete or not may_use(ctx.session, sha, ctx.actor.user_id, ctx.actor.scope):
        raise OpRejected("blob_missing", "Upload the file (PUT /blobs) before attaching it.")
    if blob.size != size:
        raise OpRejected("invalid", "payload.size differs from the uploaded file's size.")
    att = Attachment(id=ctx.new_id("attachment_id"), complaint_id=row.id, owner_type=owner_type,
                     owner_id=str(owner_id), filename=filename, mime=mime, size=size, sha256=sha, created_at=ctx.now)
    ctx.add_child(att, row)
    ctx.event_data = {"attachment_id": att.id, "sha256": sha, "owner_type": owner_type, "owner_id": att.owner_id}
    return row
