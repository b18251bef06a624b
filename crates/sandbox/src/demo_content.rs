//! The bytes of the demo seed's files, made here: drawn PNG and JPEG images, a small valid PDF,
//! text, CSV, a zip archive, and the tiny text files of the scale bucket.

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::{ImageEncoder, Rgb, RgbImage, Rgba, RgbaImage};

fn lerp(a: u8, b: u8, t: f32) -> u8 {
    (a as f32 + (b as f32 - a as f32) * t.clamp(0.0, 1.0)).round() as u8
}

fn png_rgb(img: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    let _ = PngEncoder::new(&mut out).write_image(
        img.as_raw(),
        img.width(),
        img.height(),
        image::ExtendedColorType::Rgb8,
    );
    out
}

/// A sunset over the sea: sky gradient, a sun, and a darker sea with a reflection (PNG).
pub fn sunset_png() -> Vec<u8> {
    let (w, h) = (320u32, 200u32);
    let horizon = h * 3 / 5;
    let (sun_x, sun_y, sun_r) = (w as f32 * 0.62, horizon as f32 - 18.0, 30.0f32);
    let img = RgbImage::from_fn(w, h, |x, y| {
        let (fx, fy) = (x as f32, y as f32);
        if y < horizon {
            let t = fy / horizon as f32;
            let d = ((fx - sun_x).powi(2) + (fy - sun_y).powi(2)).sqrt();
            if d < sun_r {
                return Rgb([255, 236, 150]);
            }
            Rgb([lerp(72, 255, t), lerp(40, 140, t), lerp(120, 70, t)])
        } else {
            let t = (fy - horizon as f32) / (h - horizon) as f32;
            let glitter = (fx - sun_x).abs() < sun_r * (1.0 - t) && (y % 4 < 2);
            if glitter {
                Rgb([255, 200, 120])
            } else {
                Rgb([lerp(40, 10, t), lerp(50, 20, t), lerp(110, 60, t)])
            }
        }
    });
    png_rgb(&img)
}

/// Snowy mountains under a blue sky (JPEG).
pub fn mountains_jpeg() -> Vec<u8> {
    let (w, h) = (360u32, 240u32);
    let peaks = [
        (90.0f32, 60.0f32, 1.1f32),
        (230.0, 40.0, 0.9),
        (330.0, 90.0, 1.2),
    ];
    let img = RgbImage::from_fn(w, h, |x, y| {
        let (fx, fy) = (x as f32, y as f32);
        for (px, py, slope) in peaks {
            let ridge = py + (fx - px).abs() * slope;
            if fy >= ridge {
                return if fy < ridge + 14.0 && fy < py + 40.0 {
                    Rgb([245, 248, 252])
                } else {
                    let t = (fy - ridge) / h as f32;
                    Rgb([lerp(90, 40, t), lerp(100, 70, t), lerp(110, 60, t)])
                };
            }
        }
        let t = fy / h as f32;
        Rgb([lerp(60, 170, t), lerp(120, 210, t), lerp(200, 240, t)])
    });
    let mut out = Vec::new();
    let _ = JpegEncoder::new_with_quality(&mut out, 85).write_image(
        img.as_raw(),
        w,
        h,
        image::ExtendedColorType::Rgb8,
    );
    out
}

/// A round logo on a transparent background (PNG).
pub fn logo_png() -> Vec<u8> {
    let size = 128u32;
    let c = size as f32 / 2.0;
    let img = RgbaImage::from_fn(size, size, |x, y| {
        let d = ((x as f32 - c).powi(2) + (y as f32 - c).powi(2)).sqrt();
        if d < 30.0 {
            Rgba([255, 255, 255, 255])
        } else if d < 60.0 {
            Rgba([lerp(253, 240, d / 60.0), lerp(54, 120, d / 60.0), 110, 255])
        } else {
            Rgba([0, 0, 0, 0])
        }
    });
    let mut out = Vec::new();
    let _ = PngEncoder::new(&mut out).write_image(
        img.as_raw(),
        size,
        size,
        image::ExtendedColorType::Rgba8,
    );
    out
}

/// A one-page PDF with a title and a line of text, with a correct cross-reference table.
pub fn report_pdf() -> Vec<u8> {
    pdf("Quarterly report", "Made by the Bucketdesk sandbox.")
}

/// A one-page PDF showing `title` and `line` (plain ASCII without parentheses or backslashes),
/// with a correct cross-reference table.
pub fn pdf(title: &str, line: &str) -> Vec<u8> {
    let text =
        format!("BT /F1 24 Tf 72 720 Td ({title}) Tj ET\nBT /F1 12 Tf 72 690 Td ({line}) Tj ET\n");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{text}endstream", text.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

pub fn notes_txt() -> Vec<u8> {
    b"Meeting notes\n=============\n\n- Share the quarterly report with the auditors (token, 14 days).\n- Rotate links for the photo shoot.\n- Clean up expired tokens.\n".to_vec()
}

pub fn welcome_txt() -> Vec<u8> {
    b"Welcome to the Bucketdesk demo project.\nThis bucket is public: its files can be read without a token.\n".to_vec()
}

pub fn vault_txt() -> Vec<u8> {
    b"Private vault: file security is on, so only a token or a key opens this file.\n".to_vec()
}

pub fn sales_csv() -> Vec<u8> {
    let mut s = String::from("month,region,units,revenue\n");
    for (i, month) in [
        "2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06",
    ]
    .iter()
    .enumerate()
    {
        for (j, region) in ["north", "south", "east"].iter().enumerate() {
            let units = 100 + i * 17 + j * 31;
            s.push_str(&format!("{month},{region},{units},{}.00\n", units * 25));
        }
    }
    s.into_bytes()
}

/// A zip with two stored (uncompressed) entries.
pub fn archive_zip() -> Vec<u8> {
    stored_zip(&[("readme.txt", &notes_txt()), ("sales.csv", &sales_csv())])
}

/// A zip archive of `entries` (name, bytes), stored without compression: a local header and the
/// bytes of each entry, then the central directory and its end record. Every entry is dated
/// 1980-01-01 00:00, the earliest date a zip can hold, so the archive is the same on every seed.
fn stored_zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    const DOS_TIME: u16 = 0;
    const DOS_DATE: u16 = 1 << 5 | 1;
    const VERSION: u16 = 20;
    let u16le = |out: &mut Vec<u8>, v: u16| out.extend_from_slice(&v.to_le_bytes());
    let u32le = |out: &mut Vec<u8>, v: u32| out.extend_from_slice(&v.to_le_bytes());
    // The fields a local header and its central directory record share, from the version needed.
    let common = |out: &mut Vec<u8>, name: &str, data: &[u8]| {
        let size = u32::try_from(data.len()).expect("a demo file under 4 GiB");
        for v in [VERSION, 0, 0, DOS_TIME, DOS_DATE] {
            u16le(out, v);
        }
        for v in [crc32fast::hash(data), size, size] {
            u32le(out, v);
        }
        u16le(out, name.len() as u16);
        u16le(out, 0);
    };
    let mut out = Vec::new();
    let mut directory = Vec::new();
    for (name, data) in entries {
        let offset = out.len() as u32;
        u32le(&mut out, 0x0403_4b50);
        common(&mut out, name, data);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);

        u32le(&mut directory, 0x0201_4b50);
        u16le(&mut directory, VERSION);
        common(&mut directory, name, data);
        // Comment length, disk, internal and external attributes, then the local header's offset.
        for v in [0u16, 0, 0] {
            u16le(&mut directory, v);
        }
        u32le(&mut directory, 0);
        u32le(&mut directory, offset);
        directory.extend_from_slice(name.as_bytes());
    }
    let (start, size) = (out.len() as u32, directory.len() as u32);
    out.extend_from_slice(&directory);
    u32le(&mut out, 0x0605_4b50);
    for v in [0u16, 0, entries.len() as u16, entries.len() as u16] {
        u16le(&mut out, v);
    }
    u32le(&mut out, size);
    u32le(&mut out, start);
    u16le(&mut out, 0);
    out
}

/// A drawn photo of the demo's folders: a sky, a horizon and what lies below it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scene {
    /// Sand, sea and a high sun.
    Beach,
    /// Boats on dark water under an evening sky.
    Harbour,
    /// A field of yellow flowers.
    Sunflowers,
    /// A frozen lake between white shores.
    WinterLake,
    /// Orange and brown trees.
    AutumnForest,
    /// Green grass with dots of flowers.
    SpringMeadow,
    /// Lit windows in dark towers at night.
    CityNight,
}

impl Scene {
    /// Sky at the top and at the horizon, then the ground at the horizon and at the bottom.
    fn palette(self) -> [[u8; 3]; 4] {
        match self {
            Scene::Beach => [
                [70, 150, 230],
                [190, 225, 250],
                [30, 120, 170],
                [235, 210, 150],
            ],
            Scene::Harbour => [[60, 40, 90], [240, 150, 90], [20, 40, 70], [10, 20, 40]],
            Scene::Sunflowers => [
                [90, 160, 240],
                [200, 230, 250],
                [240, 200, 40],
                [90, 120, 30],
            ],
            Scene::WinterLake => [
                [150, 180, 210],
                [230, 235, 245],
                [200, 220, 235],
                [250, 250, 252],
            ],
            Scene::AutumnForest => [
                [120, 150, 190],
                [230, 200, 160],
                [200, 100, 30],
                [90, 50, 20],
            ],
            Scene::SpringMeadow => [
                [110, 180, 240],
                [220, 240, 250],
                [110, 190, 80],
                [50, 130, 40],
            ],
            Scene::CityNight => [[5, 10, 30], [40, 40, 80], [25, 25, 35], [10, 10, 15]],
        }
    }

    fn pixel(self, x: u32, y: u32, w: u32, h: u32) -> Rgb<u8> {
        let [sky_top, sky_low, ground_high, ground_low] = self.palette();
        let horizon = h / 2;
        let mix = |a: [u8; 3], b: [u8; 3], t: f32| {
            Rgb([
                lerp(a[0], b[0], t),
                lerp(a[1], b[1], t),
                lerp(a[2], b[2], t),
            ])
        };
        let (fx, fy) = (x as f32, y as f32);
        if self == Scene::CityNight {
            // Towers of varying heights; every few pixels a lit window.
            let tower = x / 24;
            let top = horizon - 10 - (tower * 37 % 60);
            if y >= top {
                let window =
                    x % 24 > 4 && x % 24 < 20 && (x / 6 + y / 8).is_multiple_of(3) && y % 8 < 4;
                return if window {
                    Rgb([250, 220, 120])
                } else {
                    mix(ground_high, ground_low, (fy - top as f32) / h as f32)
                };
            }
            return mix(sky_top, sky_low, fy / top.max(1) as f32);
        }
        if y < horizon {
            let sun = (fx - w as f32 * 0.3).hypot(fy - horizon as f32 * 0.45) < 18.0;
            if sun && self != Scene::WinterLake {
                return Rgb([255, 240, 170]);
            }
            return mix(sky_top, sky_low, fy / horizon as f32);
        }
        let t = (fy - horizon as f32) / (h - horizon) as f32;
        let dots = match self {
            Scene::Sunflowers => (x / 9 + y / 7).is_multiple_of(4) && x % 9 < 4,
            Scene::SpringMeadow => (x * 7 + y * 13).is_multiple_of(29),
            Scene::AutumnForest => (x / 5 + y / 3).is_multiple_of(5),
            Scene::Harbour => y > horizon + 6 && y < horizon + 14 && x % 60 < 30,
            _ => false,
        };
        if dots {
            return match self {
                Scene::Sunflowers => Rgb([120, 70, 20]),
                Scene::SpringMeadow => Rgb([240, 90, 140]),
                Scene::AutumnForest => Rgb([230, 160, 40]),
                _ => Rgb([240, 240, 240]),
            };
        }
        mix(ground_high, ground_low, t)
    }

    fn image(self) -> RgbImage {
        let (w, h) = (240u32, 160u32);
        RgbImage::from_fn(w, h, |x, y| self.pixel(x, y, w, h))
    }

    /// The scene as a PNG.
    pub fn png(self) -> Vec<u8> {
        png_rgb(&self.image())
    }

    /// The scene as a JPEG.
    pub fn jpeg(self) -> Vec<u8> {
        let img = self.image();
        let mut out = Vec::new();
        let _ = JpegEncoder::new_with_quality(&mut out, 85).write_image(
            img.as_raw(),
            img.width(),
            img.height(),
            image::ExtendedColorType::Rgb8,
        );
        out
    }
}

/// A small CSV of monthly figures for `months` (e.g. `["2026-01", "2026-02"]`).
pub fn figures_csv(months: &[&str], base: usize) -> Vec<u8> {
    let mut s = String::from("month,region,units,revenue\n");
    for (i, month) in months.iter().enumerate() {
        for (j, region) in ["north", "south", "east"].iter().enumerate() {
            let units = base + i * 23 + j * 11;
            s.push_str(&format!("{month},{region},{units},{}.00\n", units * 25));
        }
    }
    s.into_bytes()
}

/// The bytes of scale file `index` (small text, made on demand, never stored).
pub fn scale_file_bytes(index: u64) -> Vec<u8> {
    format!("Scale file #{index:05}\nOne of the 10,000 files of the demo's scale bucket.\n")
        .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scenes_decode_in_both_formats() {
        for scene in [
            Scene::Beach,
            Scene::Harbour,
            Scene::Sunflowers,
            Scene::WinterLake,
            Scene::AutumnForest,
            Scene::SpringMeadow,
            Scene::CityNight,
        ] {
            for bytes in [scene.png(), scene.jpeg()] {
                let img = image::load_from_memory(&bytes).unwrap();
                assert_eq!((img.width(), img.height()), (240, 160), "{scene:?}");
            }
        }
        assert_ne!(Scene::Beach.png(), Scene::Sunflowers.png());
    }

    #[test]
    fn images_decode() {
        assert_eq!(image::load_from_memory(&sunset_png()).unwrap().width(), 320);
        assert_eq!(
            image::load_from_memory(&mountains_jpeg()).unwrap().width(),
            360
        );
        assert_eq!(image::load_from_memory(&logo_png()).unwrap().width(), 128);
    }

    #[test]
    fn pdf_xref_points_at_objects() {
        let pdf = report_pdf();
        let text = String::from_utf8(pdf.clone()).unwrap();
        let start: usize = text
            .rsplit("startxref\n")
            .next()
            .unwrap()
            .lines()
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(text[start..].starts_with("xref"));
        let first = text[start..].lines().nth(3).unwrap();
        let off: usize = first[..10].parse().unwrap();
        assert!(text[off..].starts_with("1 0 obj"));
    }

    #[test]
    fn zip_lists_both_entries_with_their_bytes_and_checksums() {
        let z = archive_zip();
        let u16_at = |at: usize| u16::from_le_bytes([z[at], z[at + 1]]) as usize;
        let u32_at = |at: usize| u32::from_le_bytes(z[at..at + 4].try_into().unwrap());
        // The end record closes the archive and points at the central directory.
        let end = z.len() - 22;
        assert_eq!(u32_at(end), 0x0605_4b50);
        assert_eq!(u16_at(end + 10), 2, "two entries");
        let (size, mut at) = (u32_at(end + 12) as usize, u32_at(end + 16) as usize);
        assert_eq!(at + size, end);
        let mut found = Vec::new();
        while at < end {
            assert_eq!(
                u32_at(at),
                0x0201_4b50,
                "a central directory record at {at}"
            );
            let (crc, stored) = (u32_at(at + 16), u32_at(at + 20) as usize);
            let name_len = u16_at(at + 28);
            let name = String::from_utf8(z[at + 46..at + 46 + name_len].to_vec()).unwrap();
            let local = u32_at(at + 42) as usize;
            assert_eq!(u32_at(local), 0x0403_4b50, "{name}: its local header");
            assert_eq!(u16_at(local + 8), 0, "{name}: stored");
            let data_at = local + 30 + u16_at(local + 26) + u16_at(local + 28);
            let data = &z[data_at..data_at + stored];
            assert_eq!(crc32fast::hash(data), crc, "{name}: checksum");
            found.push((name, data.to_vec()));
            at += 46 + name_len;
        }
        assert_eq!(
            found,
            [
                ("readme.txt".to_string(), notes_txt()),
                ("sales.csv".to_string(), sales_csv())
            ]
        );
    }
}
