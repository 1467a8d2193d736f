//! `Runs`: the events of a load, a piece's each, read as one list.

/// Records in runs, a piece of a file's each, kept apart rather than
/// moved into one vector: files are merged by moving runs, not records,
/// and the resolver frees each run's memory as soon as its records are in
/// the timeline (a merged vector of 100,000 events was the largest block
/// of a load's peak, 90 MB as it grew). Read in order, as one list.
#[derive(Clone)]
pub struct Runs<T>(Vec<Vec<T>>);

impl<T> Default for Runs<T> {
    fn default() -> Self {
        Runs(Vec::new())
    }
}

impl<T> Runs<T> {
    pub fn push(&mut self, item: T) {
        match self.0.last_mut() {
            Some(run) => run.push(item),
            None => self.0.push(vec![item]),
        }
    }

    /// Room for `n` more records in the last run; a run of its own when
    /// the last has no room, so that no run is moved to grow.
    pub fn reserve(&mut self, n: usize) {
        match self.0.last_mut() {
            Some(run) if run.capacity() - run.len() >= n => {}
            _ => self.0.push(Vec::with_capacity(n)),
        }
    }

    /// Moves `other`'s runs after these.
    pub fn append(&mut self, other: Runs<T>) {
        self.0
            .extend(other.0.into_iter().filter(|run| !run.is_empty()));
    }

    pub fn len(&self) -> usize {
        self.0.iter().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.0.iter().all(Vec::is_empty)
    }

    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.0.iter().flatten()
    }

    /// The same records, each made into another, run by run.
    pub fn map<U>(self, mut f: impl FnMut(T) -> U) -> Runs<U> {
        Runs(
            self.0
                .into_iter()
                .map(|run| run.into_iter().map(&mut f).collect())
                .collect(),
        )
    }
}

impl<T> IntoIterator for Runs<T> {
    type Item = T;
    type IntoIter = std::iter::Flatten<std::vec::IntoIter<Vec<T>>>;

    /// The records in order; each run's memory goes once its last record
    /// is taken.
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter().flatten()
    }
}

/// As one list, however the records fall into runs.
impl<T: std::fmt::Debug> std::fmt::Debug for Runs<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_read_as_one_list_however_they_were_cut() {
        let mut one = Runs::default();
        (1..=5).for_each(|i| one.push(i));
        let mut cut = Runs::default();
        cut.push(1);
        cut.push(2);
        let mut rest = Runs::default();
        rest.push(3);
        cut.append(rest);
        cut.append(Runs::default());
        let mut last = Runs::default();
        (4..=5).for_each(|i| last.push(i));
        cut.append(last);
        assert_eq!(cut.0.len(), 3, "no empty run is kept");
        assert_eq!(format!("{cut:?}"), format!("{one:?}"));
        assert_eq!(format!("{cut:?}"), "[1, 2, 3, 4, 5]");
        assert_eq!((cut.len(), cut.is_empty()), (5, false));
        assert!(Runs::<u8>::default().is_empty());
        assert_eq!(cut.iter().copied().collect::<Vec<_>>(), [1, 2, 3, 4, 5]);
        let doubled: Vec<i32> = cut.clone().map(|i| i * 2).into_iter().collect();
        assert_eq!(doubled, [2, 4, 6, 8, 10]);
        assert_eq!(cut.into_iter().collect::<Vec<_>>(), [1, 2, 3, 4, 5]);
    }
}
