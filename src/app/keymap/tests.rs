//! The key table's tests: every binding does something in its mode, no
//! key is bound twice in a scope, help lists every scope.

use super::super::App;
use super::super::testing::app;
use super::*;

fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, mods)
}

#[test]
fn the_pane_decides_what_a_key_means() {
    let br = key(KeyCode::Char(']'), KeyModifiers::NONE);
    assert_eq!(
        lookup(&Mode::Browse, Pane::Events, &br),
        Some(Message::NextYear)
    );
    assert_eq!(
        lookup(&Mode::Browse, Pane::Details, &br),
        Some(Message::NextLink)
    );
    let q = key(KeyCode::Char('q'), KeyModifiers::NONE);
    assert_eq!(lookup(&Mode::Browse, Pane::Actors, &q), Some(Message::Quit));
}

#[test]
fn typing_goes_to_the_prompt() {
    let mode = Mode::Prompt(super::super::PromptState::export(
        crate::export::Format::Text,
        String::new(),
    ));
    let at = |c, m| lookup(&mode, Pane::Events, &key(c, m));
    assert_eq!(
        at(KeyCode::Char('q'), KeyModifiers::NONE),
        Some(Message::TypeChar('q'))
    );
    assert_eq!(
        at(KeyCode::Char('Q'), KeyModifiers::SHIFT),
        Some(Message::TypeChar('Q'))
    );
    assert_eq!(
        at(KeyCode::Char('?'), KeyModifiers::SHIFT),
        Some(Message::TypeChar('?'))
    );
    assert_eq!(
        at(KeyCode::Esc, KeyModifiers::NONE),
        Some(Message::CancelInput)
    );
    assert_eq!(
        at(KeyCode::Char('c'), KeyModifiers::CONTROL),
        Some(Message::Quit)
    );
    assert_eq!(
        at(KeyCode::BackTab, KeyModifiers::SHIFT),
        Some(Message::PrevFormat)
    );
}

#[test]
fn shifted_characters_match_their_bindings() {
    let at = |c, m| lookup(&Mode::Browse, Pane::Events, &key(c, m));
    assert_eq!(
        at(KeyCode::Char('G'), KeyModifiers::SHIFT),
        Some(Message::MoveLast)
    );
    assert_eq!(
        at(KeyCode::Char('?'), KeyModifiers::SHIFT),
        Some(Message::ToggleHelp)
    );
    assert_eq!(
        at(KeyCode::Char('d'), KeyModifiers::CONTROL),
        Some(Message::HalfPageDown)
    );
    assert_eq!(at(KeyCode::Char('x'), KeyModifiers::ALT), None);
}

#[test]
fn no_key_is_bound_twice_in_one_scope() {
    for (i, a) in BINDINGS.iter().enumerate() {
        for b2 in &BINDINGS[i + 1..] {
            if a.scope != b2.scope {
                continue;
            }
            for ka in a.keys {
                assert!(
                    !b2.keys
                        .iter()
                        .any(|kb| same_key(ka.code, ka.mods, kb.code, kb.mods)),
                    "{:?} bound twice in {:?}",
                    ka.code,
                    a.scope
                );
            }
        }
    }
}

/// The app in a mode where `scope`'s keys apply.
fn app_in(scope: Scope) -> App {
    let mut app = app();
    app.update(Message::MoveDown);
    match scope {
        Scope::Global | Scope::Events => {}
        Scope::Actors => app.focus_pane(Pane::Actors),
        Scope::Details => {
            // An event with several links, one selected, scrolled a little.
            app.update(Message::StartJump);
            super::super::testing::type_text(&mut app, "2014-12-16");
            app.update(Message::SubmitInput);
            app.update(Message::OpenSelected);
            app.update(Message::Resize(120, 16));
            app.update(Message::NextLink);
        }
        Scope::Prompt => {
            app.update(Message::StartExport);
        }
        Scope::Confirm => {
            app.update(Message::StartExport);
            app.update(Message::ClearInput);
            super::super::testing::type_text(&mut app, "brief.md");
            app.update(Message::ExportDone(Err(
                super::super::ExportProblem::Exists("brief.md".into()),
            )));
        }
        Scope::Overlay => {
            app.update(Message::ToggleHelp);
            app.update(Message::Resize(120, 16));
            app.update(Message::PageDown);
        }
        Scope::Present => {
            // A slide taller than the screen, scrolled a line down.
            app.update(Message::StartPresent);
            app.update(Message::Resize(60, 9));
            app.update(Message::NextSlide);
            app.update(Message::MoveDown);
        }
        Scope::Overview => {
            app.update(Message::StartPresent);
            app.update(Message::NextSlide);
            app.update(Message::ToggleOverview);
            app.update(Message::MoveDown);
        }
        Scope::GoTo => {
            app.update(Message::StartPresent);
            app.update(Message::StartGoTo);
            app.update(Message::TypeChar('1'));
        }
        Scope::Views => {
            app = super::super::testing::app_of(crate::load::load(crate::load::bundled()).timeline);
            app.update(Message::StartViews);
            app.update(Message::MoveDown);
        }
        Scope::Tours => {
            app = super::super::testing::app_of(crate::load::load(crate::load::bundled()).timeline);
            app.update(Message::StartTours);
            app.update(Message::MoveDown);
        }
        Scope::Follow => {
            let t = crate::load::load(crate::load::bundled()).timeline;
            let mut s = super::super::Start::new(t);
            s.follow = Some("present.sock".into());
            app = super::super::testing::app_with(s);
            let tour = "lal-masjid-to-nap";
            let events = app
                .timeline()
                .tour(tour)
                .map(|t| {
                    t.steps
                        .iter()
                        .map(|s| app.timeline().events[s.event].id.to_string())
                        .collect()
                })
                .unwrap_or_default();
            app.update(Message::Linked(crate::link::Event::Said(
                crate::link::ToPresenter::Deck {
                    tour: Some(tour.into()),
                    events,
                },
            )));
        }
        Scope::Map => {
            app.update(Message::ToggleMap);
            app.update(Message::MoveRight);
        }
        Scope::Lanes => {
            app.update(Message::ToggleLanes);
            app.update(Message::MoveDown);
            app.update(Message::MoveRight);
        }
        Scope::Publishers => {
            app.update(Message::Resize(120, 8));
            app.update(Message::ToggleSources);
            app.update(Message::MoveDown);
        }
    }
    app
}

/// Everything a person can see of the state, to tell a change.
fn seen(app: &App) -> String {
    format!(
        "{:?} {:?} {} {} {} {} {} {} {:?} {:?}",
        app.mode(),
        app.pane(),
        app.cursor(),
        app.entry_cursor(),
        app.details_top(),
        app.link(),
        app.filtered().events.len(),
        app.history_len(),
        app.filter(),
        app.banner(),
    )
}

/// Bindings whose effect needs more than one press to show, or shows
/// outside the state: each is said why.
fn documented_no_op(scope: Scope, m: &Message) -> bool {
    matches!(
        (scope, m),
        // Effects for the loop: checked below by what `update` returns.
        (_, Message::Quit | Message::Suspend | Message::Redraw)
    )
}

#[test]
fn every_binding_does_something() {
    for binding in BINDINGS {
        for key in binding.keys {
            let mut app = app_in(binding.scope);
            let ev = KeyEvent::new(key.code, key.mods);
            let Some(msg) = app.message_for_key(&ev) else {
                panic!("{:?} in {:?} means nothing", key.code, binding.scope)
            };
            assert_eq!(
                msg, binding.message,
                "{:?} in {:?}",
                key.code, binding.scope
            );
            let before = seen(&app);
            let effect = app.update(msg.clone());
            if documented_no_op(binding.scope, &msg) {
                assert!(effect.is_some(), "{msg:?} gives the loop an effect");
                continue;
            }
            assert!(
                effect.is_some() || seen(&app) != before,
                "{:?} ({msg:?}) changed nothing in {:?}",
                key.code,
                binding.scope
            );
        }
    }
}

#[test]
fn help_lists_every_scope() {
    let lines = help_lines();
    for scope in Scope::ALL {
        assert!(lines.contains(&HelpLine::Title(scope.title())), "{scope:?}");
    }
    assert!(lines.contains(&HelpLine::Key("PgDn", "a page down")));
}

#[test]
fn hints_follow_the_pane() {
    let labels: Vec<&str> = hints(&Mode::Browse, Pane::Details)
        .iter()
        .map(|b| b.label.as_str())
        .collect();
    assert!(
        labels.contains(&"]") && labels.contains(&"Esc") && labels.contains(&"q"),
        "{labels:?}"
    );
    assert_eq!(label(Scope::Global, &Message::ClearFilters), "c");
}
