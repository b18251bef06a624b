//! The bytes of the demo seed's files, made here: drawn PNG and JPEG images, a small valid PDF,
//! text, CSV, a zip archive, and the tiny text files of the scale bucket.

use std::io::{Cursor, Write};

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
    let text = "BT /F1 24 Tf 72 720 Td (Quarterly report) Tj ET\nBT /F1 12 Tf 72 690 Td (Made by the Bucketdesk sandbox.) Tj ET\n";
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
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let entries: [(&str, Vec<u8>); 2] = [("readme.txt", notes_txt()), ("sales.csv", sales_csv())];
    for (name, data) in entries {
        if writer.start_file(name, options).is_err() || writer.write_all(&data).is_err() {
            return Vec::new();
        }
    }
    writer.finish().map(|c| c.into_inner()).unwrap_or_default()
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
    fn zip_has_a_central_directory() {
        let z = archive_zip();
        assert!(z.starts_with(b"PK\x03\x04"));
        assert!(z.windows(4).any(|w| w == b"PK\x05\x06"));
    }
}
