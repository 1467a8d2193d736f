//! The basemap's tests: the embedded asset, a file made here, and
//! every way a file can be broken.

use super::decode::*;
use super::*;

/// Torkham, the main crossing on the Durand Line (34.10N, 71.09E).
const TORKHAM: (f64, f64) = (71.09, 34.10);

fn pakistan_view() -> Bounds {
    Bounds {
        west: 58.0,
        south: 22.0,
        east: 80.0,
        north: 40.0,
    }
}

/// Distance in degrees from a point to a segment, flat-earth.
fn to_segment(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len = dx * dx + dy * dy;
    let t = if len == 0.0 {
        0.0
    } else {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len).clamp(0.0, 1.0)
    };
    let (x, y) = (a.0 + t * dx, a.1 + t * dy);
    ((p.0 - x).powi(2) + (p.1 - y).powi(2)).sqrt()
}

fn to_line(p: (f64, f64), line: &Line) -> f64 {
    line.points
        .windows(2)
        .map(|w| to_segment(p, w[0], w[1]))
        .fold(f64::INFINITY, f64::min)
}

fn label<'a>(labels: &'a [Label], name: &str) -> &'a Label {
    labels
        .iter()
        .find(|l| l.name == name)
        .unwrap_or_else(|| panic!("no label {name:?}"))
}

#[test]
fn the_asset_has_a_region_and_a_world() {
    let map = decode(ASSET);
    assert!(!map.is_empty());
    assert!(
        map.lines(Layer::Region).len() > 50,
        "{}",
        map.lines(Layer::Region).len()
    );
    assert!(
        map.lines(Layer::World).len() > 300,
        "{}",
        map.lines(Layer::World).len()
    );
    assert_eq!(
        map.region(),
        Bounds {
            west: 44.0,
            south: 18.0,
            east: 92.0,
            north: 46.0
        }
    );
    for layer in [Layer::Region, Layer::World] {
        let lines = map.lines(layer);
        assert!(lines.iter().any(|l| l.kind == LineKind::Border));
        assert!(lines.iter().any(|l| l.kind == LineKind::Coast));
        for line in lines {
            assert!(line.points.len() >= 2);
            assert_eq!(Bounds::around(&line.points), Some(line.bbox));
            // No segment jumps across the map at the date line.
            for w in line.points.windows(2) {
                assert!((w[0].0 - w[1].0).abs() < 90.0, "{:?} to {:?}", w[0], w[1]);
            }
        }
    }
    // Every region line reaches into the region.
    let region = map.region();
    assert!(
        map.lines(Layer::Region)
            .iter()
            .all(|l| l.bbox.intersects(&region))
    );
    // The embedded one is the one `basemap` gives.
    assert_eq!(basemap(), &map);
}

#[test]
fn the_durand_line_passes_torkham() {
    let map = basemap();
    let nearest = map
        .lines(Layer::Region)
        .iter()
        .filter(|l| l.kind == LineKind::Border)
        .map(|l| to_line(TORKHAM, l))
        .fold(f64::INFINITY, f64::min);
    assert!(nearest < 0.2, "nearest border {nearest}° from Torkham");
    // In the region's detail, not only roughly.
    assert!(nearest < 0.05, "nearest border {nearest}° from Torkham");
    // And the coarse world has it too, if less closely.
    let nearest = map
        .lines(Layer::World)
        .iter()
        .filter(|l| l.kind == LineKind::Border)
        .map(|l| to_line(TORKHAM, l))
        .fold(f64::INFINITY, f64::min);
    assert!(
        nearest < 0.3,
        "nearest world border {nearest}° from Torkham"
    );
    // Torkham is far from any coast.
    let coast = map
        .lines(Layer::Region)
        .iter()
        .filter(|l| l.kind == LineKind::Coast)
        .map(|l| to_line(TORKHAM, l))
        .fold(f64::INFINITY, f64::min);
    assert!(coast > 5.0, "a coast {coast}° from Torkham");
}

#[test]
fn pakistan_and_afghanistan_are_labelled_inside_themselves() {
    let map = basemap();
    for layer in [Layer::Region, Layer::World] {
        let labels = map.labels(layer);
        let pk = label(labels, "Pakistan");
        assert!(
            (24.0..=37.0).contains(&pk.lat) && (61.0..=77.0).contains(&pk.lon),
            "{pk:?}"
        );
        let af = label(labels, "Afghanistan");
        assert!(
            (29.0..=39.0).contains(&af.lat) && (60.0..=75.0).contains(&af.lon),
            "{af:?}"
        );
        // Kabul's province, roughly, is not where Pakistan's label is.
        assert!(pk.lon > af.lon, "{pk:?} {af:?}");
    }
    // Labels of the region layer lie in the region.
    let region = map.region();
    assert!(
        map.labels(Layer::Region)
            .iter()
            .all(|l| region.contains(l.lon, l.lat))
    );
    assert!(map.labels(Layer::Region).iter().any(|l| l.name == "India"));
    assert!(map.labels(Layer::World).iter().any(|l| l.name == "Brazil"));
}

#[test]
fn a_view_in_the_region_draws_the_region_else_the_world() {
    let map = basemap();
    let view = pakistan_view();
    assert_eq!(map.layer_for(&view), Layer::Region);
    let lines: Vec<&Line> = map.lines_in(&view).collect();
    let expected = map
        .lines(Layer::Region)
        .iter()
        .filter(|l| l.bbox.intersects(&view))
        .count();
    assert!(expected > 10);
    assert_eq!(lines.len(), expected);
    let names: Vec<&str> = map.labels_in(&view).map(|l| l.name.as_str()).collect();
    assert!(
        names.contains(&"Pakistan") && names.contains(&"Afghanistan"),
        "{names:?}"
    );
    assert!(!names.contains(&"Bangladesh"), "{names:?}");

    // Half out of the region: the world layer.
    let wide = Bounds {
        west: 30.0,
        south: 10.0,
        east: 80.0,
        north: 40.0,
    };
    assert_eq!(map.layer_for(&wide), Layer::World);
    let world = map.lines(Layer::World);
    for line in map.lines_in(&wide) {
        assert!(world.iter().any(|l| std::ptr::eq(l, line)));
        assert!(line.bbox.intersects(&wide));
    }
    let names: Vec<&str> = map.labels_in(&wide).map(|l| l.name.as_str()).collect();
    assert!(
        names.contains(&"Saudi Arabia") && names.contains(&"Pakistan"),
        "{names:?}"
    );

    // Europe lies nowhere near the region.
    let europe = Bounds {
        west: -10.0,
        south: 36.0,
        east: 30.0,
        north: 60.0,
    };
    assert!(map.lines_in(&europe).count() > 20);
    assert!(map.labels_in(&europe).any(|l| l.name == "France"));
    assert!(!map.labels_in(&europe).any(|l| l.name == "Pakistan"));
}

#[test]
fn bounds_intersect_and_contain() {
    let a = Bounds {
        west: 0.0,
        south: 0.0,
        east: 10.0,
        north: 10.0,
    };
    let b = Bounds {
        west: 10.0,
        south: 5.0,
        east: 20.0,
        north: 6.0,
    };
    let c = Bounds {
        west: 10.5,
        south: 5.0,
        east: 20.0,
        north: 6.0,
    };
    assert!(a.intersects(&b) && b.intersects(&a));
    assert!(!a.intersects(&c) && !c.intersects(&a));
    assert!(a.contains(0.0, 10.0) && a.contains(5.0, 5.0));
    assert!(!a.contains(-0.1, 5.0) && !a.contains(5.0, 10.1));
    assert!(!a.contains(f64::NAN, 5.0));
    assert!(a.contains_bounds(&Bounds {
        west: 1.0,
        south: 1.0,
        east: 10.0,
        north: 2.0
    }));
    assert!(!a.contains_bounds(&b));
}

// --- a small encoder, to test the decoder on files made here ---

fn uvarint(out: &mut Vec<u8>, mut n: u64) {
    loop {
        let b = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn svarint(out: &mut Vec<u8>, n: i64) {
    uvarint(out, ((n << 1) ^ (n >> 63)) as u64);
}

type TestLine<'a> = (u8, &'a [(i64, i64)]);

fn layer(
    id: u8,
    units: u64,
    bounds: [i64; 4],
    lines: &[TestLine],
    labels: &[(&str, i64, i64)],
) -> Vec<u8> {
    let mut body = Vec::new();
    uvarint(&mut body, units);
    for v in bounds {
        svarint(&mut body, v);
    }
    uvarint(&mut body, lines.len() as u64);
    for (kind, points) in lines {
        body.push(*kind);
        uvarint(&mut body, points.len() as u64);
        let (mut px, mut py) = (0, 0);
        for &(x, y) in *points {
            svarint(&mut body, x - px);
            svarint(&mut body, y - py);
            (px, py) = (x, y);
        }
    }
    uvarint(&mut body, labels.len() as u64);
    for (name, lon, lat) in labels {
        uvarint(&mut body, name.len() as u64);
        body.extend_from_slice(name.as_bytes());
        svarint(&mut body, *lon);
        svarint(&mut body, *lat);
    }
    let mut out = vec![id];
    uvarint(&mut out, body.len() as u64);
    out.extend(body);
    out
}

fn file(layers: &[Vec<u8>]) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    out.push(VERSION);
    uvarint(&mut out, layers.len() as u64);
    for l in layers {
        out.extend_from_slice(l);
    }
    out
}

fn small() -> Vec<u8> {
    file(&[
        layer(
            0,
            10_000,
            [440_000, 180_000, 920_000, 460_000],
            &[
                (
                    0,
                    &[
                        (710_900, 341_000),
                        (710_800, 340_900),
                        (-1_800_000, -900_000),
                    ],
                ),
                (1, &[(1, 2), (3, 4)]),
            ],
            &[("Pākistān", 700_000, 300_000)],
        ),
        // A layer id this version does not know is passed by.
        layer(9, 1, [0, 0, 0, 0], &[], &[("ignored", 0, 0)]),
        layer(
            1,
            1_000,
            [-180_000, -90_000, 180_000, 90_000],
            &[(1, &[(0, 0), (180_000, 90_000)])],
            &[],
        ),
        layer(
            2,
            10_000,
            [440_000, 180_000, 920_000, 460_000],
            &[(2, &[(0, 0), (5, 5)])],
            &[],
        ),
    ])
}

#[test]
fn a_file_made_here_decodes_exactly() {
    let map = decode(&small());
    assert_eq!(
        map.region(),
        Bounds {
            west: 44.0,
            south: 18.0,
            east: 92.0,
            north: 46.0
        }
    );
    let region = map.lines(Layer::Region);
    assert_eq!(region.len(), 2);
    assert_eq!(region[0].kind, LineKind::Border);
    assert_eq!(
        region[0].points,
        vec![(71.09, 34.1), (71.08, 34.09), (-180.0, -90.0)]
    );
    assert_eq!(
        region[0].bbox,
        Bounds {
            west: -180.0,
            south: -90.0,
            east: 71.09,
            north: 34.1
        }
    );
    assert_eq!(region[1].kind, LineKind::Coast);
    assert_eq!(region[1].points, vec![(0.0001, 0.0002), (0.0003, 0.0004)]);
    assert_eq!(
        map.labels(Layer::Region),
        &[Label {
            name: "Pākistān".to_string(),
            lon: 70.0,
            lat: 30.0
        }]
    );
    assert_eq!(
        map.lines(Layer::World)[0].points,
        vec![(0.0, 0.0), (180.0, 90.0)]
    );
    assert_eq!(map.lines(Layer::Provinces)[0].kind, LineKind::Province);
    // Provinces come with the region, first.
    let view = Bounds {
        west: -1.0,
        south: -1.0,
        east: 1.0,
        north: 1.0,
    };
    assert_eq!(map.layer_for(&view), Layer::World);
    let view = Bounds {
        west: 45.0,
        south: 19.0,
        east: 91.0,
        north: 45.0,
    };
    assert_eq!(map.layer_for(&view), Layer::Region);
    let kinds: Vec<LineKind> = map.lines_in(&view).map(|l| l.kind).collect();
    assert_eq!(kinds, vec![LineKind::Border]); // the province line is at 0,0
}

#[test]
fn a_truncated_asset_is_an_empty_map() {
    let whole = small();
    assert!(!decode(&whole).is_empty());
    for len in 0..whole.len() {
        assert_eq!(decode(&whole[..len]), Basemap::default(), "cut at {len}");
    }
    // And the real asset, cut at many places.
    for len in (0..ASSET.len()).step_by(997).chain([ASSET.len() - 1]) {
        assert_eq!(decode(&ASSET[..len]), Basemap::default(), "cut at {len}");
    }
    // One byte too many is corrupt too.
    let mut long = ASSET.to_vec();
    long.push(0);
    assert_eq!(decode(&long), Basemap::default());
}

#[test]
fn a_garbage_asset_is_an_empty_map() {
    // Another magic, another version.
    let mut bad = small();
    bad[0] = b'X';
    assert_eq!(decode(&bad), Basemap::default());
    let mut bad = small();
    bad[4] = VERSION + 1;
    assert_eq!(decode(&bad), Basemap::default());
    // Huge counts, an overlong varint, a point off the globe, a name
    // that is not UTF-8, an unknown line kind, zero units, a layer twice.
    let mut huge = MAGIC.to_vec();
    huge.push(VERSION);
    huge.extend_from_slice(&[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
    assert_eq!(decode(&huge), Basemap::default());
    let mut overlong = MAGIC.to_vec();
    overlong.push(VERSION);
    overlong.extend_from_slice(&[0xff; 11]);
    assert_eq!(decode(&overlong), Basemap::default());
    let bounds = [0, 0, 10, 10];
    for bad in [
        file(&[layer(0, 1, bounds, &[(0, &[(0, 0), (181, 0)])], &[])]),
        file(&[layer(0, 1, bounds, &[(0, &[(0, 0), (0, 91)])], &[])]),
        file(&[layer(0, 1, bounds, &[(7, &[(0, 0), (1, 1)])], &[])]),
        file(&[layer(0, 0, bounds, &[], &[])]),
        file(&[layer(0, 1, [10, 0, 0, 10], &[], &[])]),
        file(&[layer(0, 1, bounds, &[], &[]), layer(0, 1, bounds, &[], &[])]),
        file(&[layer(
            0,
            1,
            bounds,
            &[(
                0,
                &[
                    (0, 0),
                    (i64::MAX / 2, 0),
                    (i64::MAX / 2, 0),
                    (i64::MAX / 2, 0),
                ],
            )],
            &[],
        )]),
    ] {
        assert_eq!(decode(&bad), Basemap::default());
    }
    let mut bad_name = file(&[layer(0, 1, bounds, &[], &[("ab", 0, 0)])]);
    let at = bad_name.len() - 4;
    bad_name[at] = 0xff;
    assert_eq!(decode(&bad_name), Basemap::default());

    // Noise, with and without a good header, never panics.
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for round in 0..2_000 {
        let len = (next() % 300) as usize;
        let mut noise: Vec<u8> = (0..len).map(|_| next() as u8).collect();
        if round % 2 == 0 {
            let mut head = MAGIC.to_vec();
            head.push(VERSION);
            head.extend(noise);
            noise = head;
        }
        let _ = decode(&noise);
    }
    // Bytes of the real asset flipped here and there: whatever it
    // decodes to, it decodes without a panic.
    for round in 0..300 {
        let mut flipped = ASSET.to_vec();
        for _ in 0..=round % 4 {
            let at = (next() as usize) % flipped.len();
            flipped[at] ^= (next() as u8) | 1;
        }
        let _ = decode(&flipped);
    }
}
