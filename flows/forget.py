"""`linkedin-ssi forget --member M`: remove a member's exports, lake files, SSI scores and archived ZIPs, then
publish the warehouse, the Parquet files and the report without them.

What to delete, and the deleting, are the ingest layer's (`ingest/forget.py`: plan, journal, delete); this module
orders the steps around the one publish every command uses (`flows/job.py` `publish_outputs`) and finishes a
forget that a crash cut short, for every command that takes the home's lock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from linkedin_ssi.flows.job import Say, publish_outputs
from linkedin_ssi.ingest.forget import (
    ForgetPlan,
    clear_journal,
    pending_forget,
    plan_forget,
    plural,
    remove_data,
    remove_records,
    write_journal,
)
from linkedin_ssi.models.params import AnalysisParams

from linkedin_ssi.infra.locking import home_lock

if TYPE_CHECKING:
    from linkedin_ssi.presenting.publish import Published


@dataclass
class Forgotten:
    """What a forget did: the plan carried out (None when the person said no) and what was published."""

    plan: ForgetPlan | None
    published: Published | None
    resumed: ForgetPlan | None = None  # an interrupted forget finished first

    def as_dict(self) -> dict:
        """Return what was removed and published (`forget --json`)."""
        plan = self.plan
        return {
            "member": plan.member if plan else None,
            "forgotten": plan is not None,
            "exports": plan.exports if plan else [],
            "lake_files": len(plan.lake_files) if plan else 0,
            "ssi_scores": plan.ssi_scores if plan else 0,
            "ssi_files_removed": plan.ssi_removed if plan else [],
            "ssi_files_rewritten": plan.ssi_rewritten if plan else [],
            "archived_zips": [p for p in plan.archived if p.endswith(".zip")] if plan else [],
            "finished_interrupted_forget_of": self.resumed.member if self.resumed else None,
            "warehouse": str(self.published.warehouse) if self.published else None,
            "report": str(self.published.report) if self.published else None,
        }


def resume_forget(home: Path, say: Say) -> ForgetPlan | None:
    """Under the home's lock, before the inbox is read: when a forget was cut short, remove its records again
    (manifests, archived ZIPs, SSI scores) and return its plan; the caller must then publish and call
    `finish_forget`. Return None when none is pending."""
    plan = pending_forget(home)
    if plan is not None:
        say(f"finishing the forget of {plan.member} that was interrupted: {plan.counts()}")
        remove_records(home, plan)
    return plan


def finish_forget(home: Path, plan: ForgetPlan | None) -> None:
    """After the publish that no longer reads the member's files: delete them (and every warehouse part it does not
    read: the ones its build replaced still hold the member's rows) and end the forget."""
    if plan is not None:
        from linkedin_ssi.models.partitions import purge_unread
        from linkedin_ssi.models.published import warehouse_path

        purge_unread(warehouse_path(home))
        remove_data(home, plan)
        clear_journal(home)


def describe(home: Path, plan: ForgetPlan) -> str:
    """Return what the confirmation prompt shows: what will be removed, and what is kept."""
    ssi = [
        *([f"{plural(len(plan.ssi_removed), 'file')} of theirs alone removed"] if plan.ssi_removed else []),
        *([f"{plural(len(plan.ssi_rewritten), 'shared file')} rewritten without them"] if plan.ssi_rewritten else []),
    ]
    return "\n".join(
        [
            f"forget {plan.member} in {home}: remove {plan.counts()}",
            f"  {plural(len(plan.exports), 'export')}: their manifests and {plural(len(plan.lake_files), 'lake file')} "
            "(every table's Parquet, the quarantine, the files kept as text)",
            f"  {plural(plan.ssi_scores, 'recorded SSI score')}" + (f": {', '.join(ssi)}" if ssi else ""),
            f"  {plural(plan.archived_zips, 'archived ZIP')} in {Path(home) / 'archive'} (with their notes)",
            "then publish the warehouse, the Parquet files and the report without them. This cannot be undone.",
        ]
    )


def forget_member(
    home: Path,
    member: str,
    params: AnalysisParams,
    say: Say,
    confirm: Callable[[ForgetPlan], bool] = lambda plan: True,
    on_step=None,
) -> Forgotten:
    """Under the home's lock, finish an interrupted forget, then plan forgetting `member`, ask `confirm(plan)`, and
    when it says yes: journal the plan, remove the records, publish, remove the data, end the journal. Return what
    was done. Raises ExportError (one line) when `member` is not a member of the home (nothing is touched).

    A forget of `member` that a crash cut short counts as this one: finishing it is what was asked.
    """
    with home_lock(home, on_wait=say):
        resumed = resume_forget(home, say)
        if resumed is not None:
            published = publish_outputs(home, params, say, on_step)
            finish_forget(home, resumed)
            if resumed.member == member:
                return Forgotten(resumed, published, resumed)
        plan = plan_forget(home, member)
        if not confirm(plan):
            return Forgotten(None, None, resumed)
        write_journal(home, plan)
        remove_records(home, plan)
        published = publish_outputs(home, params, say, on_step)
        finish_forget(home, plan)
        return Forgotten(plan, published, resumed)
