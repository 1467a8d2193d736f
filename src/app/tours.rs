//! The tour picker: every tour of the timeline with its number of steps
//! and the span of its dates; Enter presents one from its title slide.

use super::deck::Deck;
use super::{App, Message, Mode};
use crate::model::Timeline;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TourPicker {
    pub cursor: usize,
}

/// A tour as the picker lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TourRow {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub steps: usize,
    pub span: String,
}

/// Every tour, in the order the files give them.
pub fn rows(t: &Timeline) -> Vec<TourRow> {
    t.tours
        .iter()
        .map(|tour| TourRow {
            id: tour.id.clone(),
            title: tour.title.clone(),
            summary: tour.summary.clone(),
            steps: tour.steps.len(),
            span: Deck::of_tour(t, &tour.id)
                .and_then(|d| d.cover)
                .map(|c| c.span)
                .unwrap_or_default(),
        })
        .collect()
}

impl App {
    pub(super) fn open_tours(&mut self) {
        if self.timeline.tours.is_empty() {
            self.banner = Some("This timeline has no tours: [[tours]] in its files".into());
            return;
        }
        self.mode = Mode::Tours(TourPicker::default());
    }

    pub(super) fn on_tours(&mut self, msg: Message) {
        let Mode::Tours(picker) = &mut self.mode else {
            return;
        };
        if super::nav::step_list(&mut picker.cursor, &msg, self.timeline.tours.len()) {
            return;
        }
        match msg {
            Message::OpenSelected => {
                let cursor = picker.cursor;
                let Some(tour) = self.timeline.tours.get(cursor) else {
                    return;
                };
                match Deck::of_tour(&self.timeline, &tour.id) {
                    Some(deck) if !deck.is_empty() => self.open_deck(deck),
                    _ => self.banner = Some(format!("\"{}\" has no steps to show", tour.title)),
                }
            }
            Message::CancelInput => self.mode = Mode::Browse,
            Message::ToggleHelp => self.open_help(),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::app_of;
    use super::*;

    #[test]
    fn a_picked_tour_opens_on_its_title_slide() {
        let mut app = app_of(crate::load::load(crate::load::bundled()).timeline);
        app.update(Message::StartTours);
        assert!(matches!(app.mode, Mode::Tours(_)));
        app.update(Message::MoveDown);
        app.update(Message::OpenSelected);
        let Mode::Present(deck) = &app.mode else {
            panic!("not presenting: {:?}", app.mode);
        };
        assert_eq!(
            deck.tour.as_deref(),
            Some(app.timeline.tours[1].id.as_str())
        );
        assert!(deck.on_cover());
        app.update(Message::ExitPresent);
        assert_eq!(app.mode, Mode::Browse);
        app.update(Message::StartTours);
        app.update(Message::CancelInput);
        assert_eq!(app.mode, Mode::Browse);
    }

    #[test]
    fn each_tour_is_listed_with_its_steps_and_dates() {
        let t = crate::load::load(crate::load::bundled()).timeline;
        let rows = rows(&t);
        assert_eq!(rows.len(), t.tours.len());
        for r in &rows {
            assert!(r.steps > 0, "{r:?}");
            assert!(r.span.chars().any(|c| c.is_ascii_digit()), "{r:?}");
        }
    }
}
