//! Git in the UI: the title bar's status, the sync (`S`) and its steps.

use super::{App, GitState};
use crate::git::status::GitStatus;
use crate::git::sync::{SyncOutcome, SyncProblem};
use crate::i18n::tui::{self as t, tr};
use crate::tui::effect::Effect;

impl App {
    pub(super) fn start_sync(&mut self) -> Vec<Effect> {
        if self.syncing {
            self.info(tr(self.lang, t::SYNC_RUNNING));
            return vec![];
        }
        if self.git == GitState::NotRepo {
            self.error(tr(self.lang, t::SYNC_NOT_A_REPO));
            return vec![];
        }
        self.syncing = true;
        self.info(tr(self.lang, t::SYNC_STARTED));
        vec![Effect::Sync]
    }

    pub(super) fn git_status_arrived(&mut self, status: Option<GitStatus>) {
        let was_stopped = self.git_status().and_then(|s| s.operation);
        self.git = match status {
            Some(s) => GitState::Repo(s),
            None => GitState::NotRepo,
        };
        // A rebase or merge left stopped (by a sync, or by hand): say how to get out, once
        // when it appears; the title bar keeps showing it until it is resolved.
        if let Some(s) = self.git_status() {
            if let Some(op) = s.operation {
                if was_stopped != Some(op) {
                    let text = t::operation_stopped(self.lang, op, &s.conflicted);
                    self.warn(text);
                }
            }
        }
    }

    pub(super) fn synced(&mut self, outcome: SyncOutcome) -> Vec<Effect> {
        self.syncing = false;
        self.changed
            .extend(outcome.updated_by_others.iter().cloned());
        self.changed.extend(outcome.added_by_others.iter().cloned());
        let text = t::sync_summary(self.lang, &outcome);
        match &outcome.problem {
            None => self.info(text),
            Some(SyncProblem::NotARepo) => {
                self.git = GitState::NotRepo;
                self.error(text);
                return vec![];
            }
            Some(_) => self.error(text),
        }
        vec![Effect::ReloadAfterSync, Effect::GitStatus]
    }
}
