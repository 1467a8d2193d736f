//! Saved views in the explorer: `v` lists the timeline's views and the
//! person's own (marked as which), Enter applies one; `V` saves the
//! current filter under a name in the person's views file (`crate::views`),
//! never in a timeline file. While the filter is the view's, the header
//! shows the view's title.

use super::prompt::{Prompt, PromptState};
use super::{App, Effect, Message, Mode};
use crate::cli::FilterArgs;
use crate::model::View;
use crate::query::{Filter, SearchMode};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ViewPicker {
    pub cursor: usize,
}

/// Whose a view is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Whose {
    /// Written in the timeline's files.
    Timeline,
    /// Saved by the person, in their config folder.
    Mine,
}

/// The view shown, and the filter it gave: the header names the view
/// while the filter is still that one.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    pub title: String,
    pub filter: Filter,
}

/// How the explorer opens on a view given with `--view`: its title, and
/// the event to select.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ViewStart {
    pub title: String,
    pub event: Option<String>,
}

impl App {
    /// Every view the picker lists: the timeline's, then the person's.
    pub fn views(&self) -> Vec<(Whose, &View)> {
        let t = self.full.as_ref().unwrap_or(&self.timeline);
        t.views
            .iter()
            .map(|v| (Whose::Timeline, v))
            .chain(self.my_views.views.iter().map(|v| (Whose::Mine, v)))
            .collect()
    }

    /// The title of the view on screen, while its filter is unchanged.
    pub fn view_title(&self) -> Option<&str> {
        self.view
            .as_ref()
            .filter(|v| v.filter == self.filter)
            .map(|v| v.title.as_str())
    }

    pub(super) fn open_views(&mut self) {
        if self.views().is_empty() {
            let save = super::keymap::label(super::keymap::Scope::Global, &Message::StartSaveView);
            self.banner = Some(format!(
                "No views yet: [[views]] in the timeline, or {save} saves the current filter as one"
            ));
            return;
        }
        self.mode = Mode::Views(ViewPicker::default());
    }

    pub(super) fn on_views(&mut self, msg: Message) {
        let n = self.views().len();
        let Mode::Views(picker) = &mut self.mode else {
            return;
        };
        if super::nav::step_list(&mut picker.cursor, &msg, n) {
            return;
        }
        match msg {
            Message::OpenSelected => {
                let cursor = picker.cursor;
                let Some(view) = self.views().get(cursor).map(|(_, v)| (*v).clone()) else {
                    return;
                };
                self.mode = Mode::Browse;
                if let Err(why) = self.apply_view(&view) {
                    self.banner = Some(format!("View \"{}\" not applied: {why}", view.title));
                }
            }
            Message::CancelInput => self.mode = Mode::Browse,
            Message::ToggleHelp => self.open_help(),
            _ => {}
        }
    }

    /// Shows a view: the chronology as known on its day, its filter, its
    /// event selected. The same flags `--view` gives the command line.
    pub(super) fn apply_view(&mut self, view: &View) -> Result<(), String> {
        let args = FilterArgs::default().with_view(view);
        // Checked against the whole timeline before anything changes.
        let whole = self.full.as_ref().unwrap_or(&self.timeline);
        args.to_filter(whole)?;
        self.show_known_on(view.as_of);
        let mut filter = args.to_filter(&self.timeline)?;
        filter.search_mode = if view.highlight {
            SearchMode::Highlight
        } else {
            SearchMode::Filter
        };
        self.filter = filter;
        self.narrow.clear();
        self.lanes_return = None;
        self.details_override = None;
        self.refilter(None);
        self.select_view_event(view.event.as_deref());
        self.view = Some(Applied {
            title: view.title.clone(),
            filter: self.filter.clone(),
        });
        self.banner = Some(format!("View: {}", view.title));
        Ok(())
    }

    /// Selects the view's event, when it is shown.
    pub(super) fn select_view_event(&mut self, id: Option<&str>) {
        let Some(ix) = id.and_then(|id| self.timeline.event_ix(id)) else {
            return;
        };
        if let Ok(pos) = self.filtered.events.binary_search(&ix) {
            self.select_event_pos(pos);
        }
    }

    /// `V`: the name to save the current filter under.
    pub(super) fn start_save_view(&mut self) {
        if self.filter.is_empty() && self.timeline.known_on.is_none() {
            self.banner = Some("Nothing to save: no filter is set".into());
            return;
        }
        let name = self.view_title().unwrap_or_default().to_string();
        self.mode = Mode::Prompt(PromptState::new(Prompt::SaveView, name));
    }

    /// The current filter as a view named `title`, and what a view cannot
    /// hold of it.
    pub fn view_of_filter(&self, title: &str) -> (View, Vec<&'static str>) {
        let t = &self.timeline;
        let f = &self.filter;
        let mut left_out = Vec::new();
        for (set, what) in [
            (f.min_grade.is_some(), "the grade"),
            (f.claim.is_some(), "the claim filter"),
            (f.weakly_sourced, "weakly sourced"),
            (f.publisher.is_some(), "the publisher"),
            (f.marked.is_some(), "the marked events"),
            (f.since.is_some(), "what changed since"),
        ] {
            if set {
                left_out.push(what);
            }
        }
        let view = View {
            id: crate::views::slug(title),
            title: crate::text::one_line(title.trim()),
            summary: String::new(),
            actors: f.actors.iter().map(|&a| t.actors[a].id.clone()).collect(),
            all: f.combine == crate::query::Combine::All,
            tags: f.tags.iter().map(|&g| t.tags[g].clone()).collect(),
            places: f.places.iter().map(|&p| t.places[p].id.clone()).collect(),
            from: f.from,
            to: f.to,
            search: f.search.trim().to_string(),
            highlight: f.search_mode == SearchMode::Highlight && !f.search.trim().is_empty(),
            contested: f.contested,
            as_of: t.known_on.map(|k| k.day),
            event: self.selected_event().map(|e| t.events[e].id.to_string()),
        };
        (view, left_out)
    }

    /// Enter in the save-view prompt: the view, into the person's views.
    pub(super) fn submit_view(&mut self, title: &str) -> Option<Effect> {
        let (view, left_out) = self.view_of_filter(title);
        let error = if view.id.is_empty() {
            Some("type a name with a letter or digit in it".to_string())
        } else if self
            .full
            .as_ref()
            .unwrap_or(&self.timeline)
            .view(&view.id)
            .is_some()
        {
            Some(format!(
                "the timeline has a view \"{}\"; choose another name",
                view.id
            ))
        } else if self.my_views.file.is_none() {
            Some(
                self.my_views
                    .problem
                    .clone()
                    .unwrap_or_else(|| "no config folder".into()),
            )
        } else {
            None
        };
        if let Some(e) = error {
            if let Mode::Prompt(p) = &mut self.mode {
                p.error = Some(e);
            }
            return None;
        }
        let file = self.my_views.file.clone()?;
        let mut views = self.my_views.views.clone();
        match views.iter_mut().find(|v| v.id == view.id) {
            Some(old) => *old = view.clone(),
            None => views.push(view.clone()),
        }
        self.mode = Mode::Browse;
        self.view = Some(Applied {
            title: view.title.clone(),
            filter: self.filter.clone(),
        });
        self.saving_views = Some((views.clone(), left_out));
        Some(Effect::SaveViews { file, views })
    }

    /// The loop's report of writing the views file.
    pub(super) fn views_saved(&mut self, result: Result<String, String>) {
        let Some((views, left_out)) = self.saving_views.take() else {
            return;
        };
        self.banner = Some(match result {
            Ok(path) => {
                self.my_views.views = views;
                let mut s = format!("View saved in {path}");
                if !left_out.is_empty() {
                    s.push_str(&format!(
                        " (without {}: a view does not keep it)",
                        left_out.join(", ")
                    ));
                }
                s
            }
            Err(why) => format!("View not saved: {why}"),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{app, app_with, selected_id, type_text};
    use super::*;
    use crate::app::Start;

    fn bundled_with(mine: crate::views::Mine) -> App {
        let t = crate::load::load(crate::load::bundled()).timeline;
        let mut s = Start::new(t);
        s.my_views = mine;
        app_with(s)
    }

    #[test]
    fn a_view_applies_its_filter_and_the_header_names_it_until_it_changes() {
        let mut app = bundled_with(crate::views::Mine::default());
        app.update(Message::StartViews);
        let Mode::Views(_) = app.mode else {
            panic!("{:?}", app.mode);
        };
        let (whose, first) = app.views()[0];
        assert_eq!(whose, Whose::Timeline);
        let first = first.clone();
        app.update(Message::OpenSelected);
        assert_eq!(app.mode, Mode::Browse);
        assert_eq!(app.view_title(), Some(first.title.as_str()));
        let by_hand = FilterArgs::default()
            .with_view(&first)
            .to_filter(&app.timeline)
            .unwrap();
        assert_eq!(app.filter.actors, by_hand.actors);
        assert_eq!(
            app.filtered.events,
            crate::query::apply(&app.timeline, &app.index, &app.filter).events
        );
        if let Some(e) = &first.event {
            assert_eq!(selected_id(&app), e);
        }
        app.update(Message::ToggleContested);
        app.update(Message::ToggleContested);
        app.update(Message::ToggleContested);
        assert_eq!(app.view_title(), None, "the filter is no longer the view's");
    }

    #[test]
    fn the_filter_saved_as_a_view_applies_again() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("views.toml");
        let mut app = bundled_with(crate::views::open_file(&file));
        app.update(Message::StartSearch);
        type_text(&mut app, "mosque");
        app.update(Message::SubmitInput);
        app.update(Message::ToggleContested);
        let shown = app.filtered.events.clone();
        app.update(Message::StartSaveView);
        type_text(&mut app, "Contested mosques");
        let Some(Effect::SaveViews { file: to, views }) = app.update(Message::SubmitInput) else {
            panic!("no save: {:?}", app.mode);
        };
        assert_eq!(to, file);
        assert_eq!(views[0].id, "contested-mosques");
        crate::views::save(&to, &views).unwrap();
        app.update(Message::ViewsSaved(Ok(to.display().to_string())));
        assert!(app.banner.as_deref().unwrap().starts_with("View saved in"));
        assert_eq!(app.view_title(), Some("Contested mosques"));

        // A new session: the view is there, marked as the person's.
        let mut app = bundled_with(crate::views::open_file(&file));
        let n = app.views().len();
        assert_eq!(app.views()[n - 1].0, Whose::Mine);
        app.update(Message::StartViews);
        app.update(Message::MoveLast);
        app.update(Message::OpenSelected);
        assert_eq!(app.filtered.events, shown);
    }

    #[test]
    fn a_view_cannot_take_a_timeline_views_name_or_no_name() {
        let dir = tempfile::tempdir().unwrap();
        let mut app = bundled_with(crate::views::open_file(&dir.path().join("v.toml")));
        app.update(Message::ToggleContested);
        let taken = app.timeline.views[0].id.clone();
        for name in [taken.as_str(), "—"] {
            app.update(Message::StartSaveView);
            app.update(Message::ClearInput);
            type_text(&mut app, name);
            assert_eq!(app.update(Message::SubmitInput), None);
            let Mode::Prompt(p) = &app.mode else {
                panic!("{:?}", app.mode);
            };
            assert!(p.error.is_some(), "{name}");
            app.update(Message::CancelInput);
        }
    }

    #[test]
    fn with_no_filter_there_is_nothing_to_save() {
        let mut app = app();
        app.update(Message::StartSaveView);
        assert_eq!(app.mode, Mode::Browse);
        assert!(
            app.banner
                .as_deref()
                .unwrap()
                .starts_with("Nothing to save")
        );
    }
}
