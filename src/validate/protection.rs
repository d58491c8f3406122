//! Contact details that must not be recorded at all: a group whose turvakielto switch's
//! words say so ([`ContactProtection::NotRecorded`], 1.2.246.537.6.1505.1
//! `asiakkaaseen_liittyvat_henkilot`: "Jos henkilö on muu kuin asiakkaan laillinen
//! edustaja, ja hänellä on turvakielto, ei hänen yhteystietojaan kirjata
//! asiakkuusasiakirjalle"). Entering them is an error at the details themselves, so the
//! author removes them — hiding them from the display form alone would still archive them
//! in the structured form.

use crate::document::{group_instances, Document, Entry, Item, PathToken, Plain};
use crate::model::{ContactProtection, Structure, LEGAL_REPRESENTATIVE_ROLES};

use super::{Issue, IssueKind};

/// Pushes one [`IssueKind::ProtectedDetailsRecorded`] per contact-details entry recorded
/// where its group's switch says they are not recorded — unless the group's `rooli`
/// names the person the client's legal representative ([`LEGAL_REPRESENTATIVE_ROLES`]).
pub(super) fn check(s: &Structure, doc: &Document, issues: &mut Vec<Issue>) {
    for w in s.protection_switches() {
        if w.rule != ContactProtection::NotRecorded {
            continue;
        }
        let Some(details) = s.child_by_key(w.group, "yhteystiedot") else {
            continue;
        };
        let role = s.child_by_key(w.group, "rooli");
        for (gp, g) in group_instances(s, doc, w.group) {
            if !g.switch_on(w.switch) {
                continue;
            }
            let representative = role.is_some_and(|r| {
                g.get(r).is_some_and(|e| {
                    e.items().iter().any(|it| {
                        matches!(it, Item::Parts(p) if p
                            .by_key(s, r, "code")
                            .and_then(Plain::as_text)
                            .is_some_and(|c| LEGAL_REPRESENTATIVE_ROLES.contains(&c.trim())))
                    })
                })
            });
            let recorded = match g.get(details) {
                None => false,
                Some(Entry::One(Item::Group(inner))) => !inner.is_empty(),
                Some(_) => true,
            };
            if representative || !recorded {
                continue;
            }
            let path = gp.child(PathToken::Node(details));
            issues.push(Issue {
                pointer: path.to_pointer(s),
                path,
                kind: IssueKind::ProtectedDetailsRecorded,
            });
        }
    }
}
