//! Image previews: resize / crop, quality and output format for PNG, JPEG, GIF and WebP files,
//! and a drawn generic file icon for anything else.

use std::io::Cursor;

use image::codecs::gif::GifEncoder;
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::codecs::webp::WebPEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, Rgba, RgbaImage};

use crate::error::ApiError;
use crate::params::Params;

/// Images larger than this get the icon instead, as on the real server.
const MAX_PREVIEW_INPUT: usize = 10 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    Jpeg,
    Png,
    Webp,
    Gif,
}

impl Output {
    fn content_type(self) -> &'static str {
        match self {
            Output::Jpeg => "image/jpeg",
            Output::Png => "image/png",
            Output::Webp => "image/webp",
            Output::Gif => "image/gif",
        }
    }

    fn from_mime(mime: &str) -> Option<Self> {
        match mime {
            "image/jpeg" => Some(Output::Jpeg),
            "image/png" => Some(Output::Png),
            "image/webp" => Some(Output::Webp),
            "image/gif" => Some(Output::Gif),
            _ => None,
        }
    }
}

/// The preview parameters the sandbox applies. `gravity`, `borderWidth`, `borderColor`,
/// `borderRadius`, `opacity`, `rotation` and `background` are accepted and ignored.
#[derive(Debug, Clone)]
pub struct PreviewOptions {
    pub width: u32,
    pub height: u32,
    /// -1 = keep the default quality.
    pub quality: i64,
    /// `None` = the source's own format.
    pub output: Option<Output>,
}

impl PreviewOptions {
    pub fn from_params(p: &Params) -> Result<Self, ApiError> {
        let width = p.int_in("width", 0, 0, 4000)? as u32;
        let height = p.int_in("height", 0, 0, 4000)? as u32;
        let quality = p.int_in("quality", -1, -1, 100)?;
        p.int_in("rotation", 0, -360, 360)?;
        p.int_in("borderWidth", 0, 0, 100)?;
        p.int_in("borderRadius", 0, 0, 4000)?;
        let output = match p.get("output").unwrap_or("") {
            "" => None,
            "jpg" | "jpeg" => Some(Output::Jpeg),
            "png" => Some(Output::Png),
            "webp" => Some(Output::Webp),
            "gif" => Some(Output::Gif),
            // No AVIF/HEIC encoder without C dependencies: those requests get PNG instead.
            "avif" | "heic" => Some(Output::Png),
            _ => {
                return Err(ApiError::param(
                    "output",
                    "Value must be one of (jpg, jpeg, png, webp, heic, avif, gif)",
                ))
            }
        };
        Ok(PreviewOptions {
            width,
            height,
            quality,
            output,
        })
    }
}

/// Renders the preview of a file; returns the encoded image and its content type.
pub fn render(
    data: &[u8],
    mime: &str,
    name: &str,
    options: &PreviewOptions,
) -> Result<(Vec<u8>, &'static str), String> {
    let source = Output::from_mime(mime)
        .filter(|_| data.len() <= MAX_PREVIEW_INPUT)
        .and_then(|format| image::load_from_memory(data).ok().map(|img| (img, format)));
    let (img, default_output) = match source {
        Some((img, format)) => (img, format),
        None => (DynamicImage::ImageRgba8(icon(mime, name)), Output::Png),
    };
    let img = resize(img, options.width, options.height);
    let output = options.output.unwrap_or(default_output);
    Ok((
        encode(&img, output, options.quality)?,
        output.content_type(),
    ))
}

fn resize(img: DynamicImage, width: u32, height: u32) -> DynamicImage {
    let (w, h) = (img.width().max(1), img.height().max(1));
    match (width, height) {
        (0, 0) => img,
        (width, 0) => {
            let height = ((h as u64 * width as u64) / w as u64).max(1) as u32;
            img.resize_exact(width, height, FilterType::Triangle)
        }
        (0, height) => {
            let width = ((w as u64 * height as u64) / h as u64).max(1) as u32;
            img.resize_exact(width, height, FilterType::Triangle)
        }
        (width, height) => img.resize_to_fill(width, height, FilterType::Triangle),
    }
}

fn encode(img: &DynamicImage, output: Output, quality: i64) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let err = |e: image::ImageError| e.to_string();
    match output {
        Output::Jpeg => {
            let rgb = img.to_rgb8();
            let q = if quality < 0 {
                90
            } else {
                quality.clamp(1, 100) as u8
            };
            DynamicImage::ImageRgb8(rgb)
                .write_with_encoder(JpegEncoder::new_with_quality(&mut out, q))
                .map_err(err)?;
        }
        Output::Png => {
            DynamicImage::ImageRgba8(img.to_rgba8())
                .write_with_encoder(PngEncoder::new(&mut out))
                .map_err(err)?;
        }
        Output::Webp => {
            DynamicImage::ImageRgba8(img.to_rgba8())
                .write_with_encoder(WebPEncoder::new_lossless(&mut out))
                .map_err(err)?;
        }
        Output::Gif => {
            let rgba = img.to_rgba8();
            let mut cursor = Cursor::new(&mut out);
            let mut encoder = GifEncoder::new(&mut cursor);
            encoder
                .encode(
                    rgba.as_raw(),
                    rgba.width(),
                    rgba.height(),
                    image::ExtendedColorType::Rgba8,
                )
                .map_err(err)?;
        }
    }
    Ok(out)
}

/// A generic file icon: a page with a folded corner, grey text lines and a coloured band whose
/// colour tells the kind of file (red PDF, amber archive, blue text, green table, grey other).
pub fn icon(mime: &str, name: &str) -> RgbaImage {
    const SIZE: u32 = 128;
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let band = if mime == "application/pdf" || ext == "pdf" {
        Rgba([220, 53, 69, 255])
    } else if mime.contains("zip") || ext == "zip" {
        Rgba([240, 173, 78, 255])
    } else if mime == "text/csv" || ext == "csv" {
        Rgba([40, 167, 69, 255])
    } else if mime.starts_with("text/") {
        Rgba([0, 123, 255, 255])
    } else {
        Rgba([120, 120, 130, 255])
    };
    let paper = Rgba([250, 250, 252, 255]);
    let edge = Rgba([160, 160, 170, 255]);
    let line = Rgba([200, 200, 208, 255]);
    let fold = 28;
    let (left, right, top, bottom) = (24, 104, 12, 116);
    RgbaImage::from_fn(SIZE, SIZE, |x, y| {
        let inside = x >= left && x < right && y >= top && y < bottom;
        if !inside {
            return Rgba([0, 0, 0, 0]);
        }
        let (dx, dy) = (right - 1 - x, y - top);
        if dx + dy < fold {
            // Cut-away corner, with the fold drawn as a darker triangle under it.
            return if dx + dy >= fold - 2 {
                edge
            } else {
                Rgba([0, 0, 0, 0])
            };
        }
        if dx < fold && dy < fold && dx + dy < fold + 2 {
            return edge;
        }
        let border = x == left || x == right - 1 || y == top || y == bottom - 1;
        if border {
            edge
        } else if (84..104).contains(&y) {
            band
        } else if y > 40 && y < 78 && (y - 40) % 8 < 3 && x > left + 10 && x < right - 12 {
            line
        } else {
            paper
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = DynamicImage::ImageRgba8(RgbaImage::from_pixel(w, h, Rgba([10, 20, 30, 255])));
        encode(&img, Output::Png, -1).unwrap()
    }

    fn opts(width: u32, height: u32, output: Option<Output>) -> PreviewOptions {
        PreviewOptions {
            width,
            height,
            quality: -1,
            output,
        }
    }

    #[test]
    fn resizes_and_converts_images() {
        let (bytes, ct) = render(
            &png(40, 20),
            "image/png",
            "a.png",
            &opts(10, 0, Some(Output::Jpeg)),
        )
        .unwrap();
        assert_eq!(ct, "image/jpeg");
        let img = image::load_from_memory(&bytes).unwrap();
        assert_eq!((img.width(), img.height()), (10, 5));
        let (bytes, ct) = render(&png(40, 20), "image/png", "a.png", &opts(8, 8, None)).unwrap();
        assert_eq!(ct, "image/png");
        let img = image::load_from_memory(&bytes).unwrap();
        assert_eq!((img.width(), img.height()), (8, 8));
        for output in [Output::Webp, Output::Gif] {
            let (bytes, _) =
                render(&png(4, 4), "image/png", "a.png", &opts(0, 0, Some(output))).unwrap();
            assert!(image::load_from_memory(&bytes).is_ok());
        }
    }

    #[test]
    fn non_images_get_an_icon() {
        let (bytes, ct) =
            render(b"%PDF-1.4", "application/pdf", "a.pdf", &opts(0, 0, None)).unwrap();
        assert_eq!(ct, "image/png");
        let img = image::load_from_memory(&bytes).unwrap();
        assert_eq!(img.width(), 128);
    }
}
