//! Reading the basemap's bytes: the format `assets/basemap/README.md`
//! describes, every count and point checked before it is trusted.

use super::*;

/// Decodes a basemap in the format of `assets/basemap/README.md`. Anything
/// wrong with it (bad magic, another version, a truncated or overlong
/// file, a count past the end, a point off the globe, a name that is not
/// UTF-8) gives an empty basemap.
pub(crate) fn decode(bytes: &[u8]) -> Basemap {
    parse(bytes).unwrap_or_default()
}

fn parse(bytes: &[u8]) -> Option<Basemap> {
    let mut r = Reader { bytes, at: 0 };
    if r.take(MAGIC.len())? != MAGIC || r.byte()? != VERSION {
        return None;
    }
    let mut map = Basemap::default();
    let layers = r.uvarint()?;
    for _ in 0..layers {
        let id = r.byte()?;
        let len = usize::try_from(r.uvarint()?).ok()?;
        let body = r.take(len)?;
        let slot = match id {
            0 => &mut map.region,
            1 => &mut map.world,
            2 => &mut map.provinces,
            // A layer a later version adds: its length lets us pass it by.
            _ => continue,
        };
        if slot.bounds.is_some() {
            return None;
        }
        *slot = parse_layer(body)?;
    }
    r.is_done().then_some(map)
}

fn parse_layer(bytes: &[u8]) -> Option<LayerData> {
    let mut r = Reader { bytes, at: 0 };
    let units = r.uvarint()?;
    if units == 0 {
        return None;
    }
    let units = units as f64;
    let degrees = |lon: i64, lat: i64| -> Option<(f64, f64)> {
        let (lon, lat) = (lon as f64 / units, lat as f64 / units);
        ((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat)).then_some((lon, lat))
    };
    let (west, south) = degrees(r.svarint()?, r.svarint()?)?;
    let (east, north) = degrees(r.svarint()?, r.svarint()?)?;
    if west > east || south > north {
        return None;
    }
    let bounds = Bounds {
        west,
        south,
        east,
        north,
    };

    // Every line takes at least two bytes, every point two, every label
    // three: a count past that is corrupt, and is refused before anything
    // is allocated for it.
    let count = r.count(2)?;
    let mut lines = Vec::with_capacity(count);
    for _ in 0..count {
        let kind = match r.byte()? {
            0 => LineKind::Border,
            1 => LineKind::Coast,
            2 => LineKind::Province,
            _ => return None,
        };
        let n = r.count(2)?;
        let mut points = Vec::with_capacity(n);
        let (mut x, mut y) = (0i64, 0i64);
        for _ in 0..n {
            x = x.checked_add(r.svarint()?)?;
            y = y.checked_add(r.svarint()?)?;
            points.push(degrees(x, y)?);
        }
        if points.len() < 2 {
            continue;
        }
        let bbox = Bounds::around(&points)?;
        lines.push(Line { kind, bbox, points });
    }

    let count = r.count(3)?;
    let mut labels = Vec::with_capacity(count);
    for _ in 0..count {
        let len = usize::try_from(r.uvarint()?).ok()?;
        let name = std::str::from_utf8(r.take(len)?).ok()?.to_string();
        let (lon, lat) = degrees(r.svarint()?, r.svarint()?)?;
        labels.push(Label { name, lon, lat });
    }
    r.is_done().then_some(LayerData {
        bounds: Some(bounds),
        lines,
        labels,
    })
}

/// A cursor over the asset; every read is checked, none can panic.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn remaining(&self) -> usize {
        self.bytes.len().saturating_sub(self.at)
    }

    fn is_done(&self) -> bool {
        self.remaining() == 0
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let slice = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(slice)
    }

    fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    /// An unsigned LEB128 varint of at most 64 bits.
    fn uvarint(&mut self) -> Option<u64> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            let bits = u64::from(b & 0x7f);
            // The tenth byte may carry only the top bit.
            if shift == 63 && bits > 1 {
                return None;
            }
            value |= bits << shift;
            if b & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    }

    /// A zigzag-encoded signed varint.
    fn svarint(&mut self) -> Option<i64> {
        let u = self.uvarint()?;
        Some(((u >> 1) as i64) ^ -((u & 1) as i64))
    }

    /// A count of items each at least `min_bytes` long, no more than the
    /// bytes left could hold.
    fn count(&mut self, min_bytes: usize) -> Option<usize> {
        let n = usize::try_from(self.uvarint()?).ok()?;
        (n <= self.remaining() / min_bytes).then_some(n)
    }
}
