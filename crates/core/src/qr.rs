//! A share link drawn as a QR code, for handing a file to a phone: an SVG made in Rust (the
//! `qrcode` crate), given to the web view as a data URL, so the link itself never reaches it
//! as text.

use base64::Engine;
use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};
use url::Url;

use crate::failure::Failure;

/// The QR code of `link` as `data:image/svg+xml;base64,...`, black on white with a quiet zone.
pub fn qr_data_url(link: &Url) -> Result<String, Failure> {
    let code =
        QrCode::with_error_correction_level(link.as_str().as_bytes(), EcLevel::M).map_err(|e| {
            Failure::new(
                "link_too_long",
                format!("This link is too long for a QR code ({e}). Copy the link instead."),
            )
        })?;
    let image = code
        .render::<svg::Color<'_>>()
        .min_dimensions(256, 256)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .quiet_zone(true)
        .build();
    let encoded = base64::engine::general_purpose::STANDARD.encode(image.as_bytes());
    Ok(format!("data:image/svg+xml;base64,{encoded}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_becomes_an_svg_data_url_that_never_shows_the_link_as_text() {
        let link = Url::parse(
            "https://fra.cloud.appwrite.io/v1/storage/buckets/b/files/f/view?project=p&token=eyJ.secret.sig",
        )
        .unwrap();
        let url = qr_data_url(&link).unwrap();
        let encoded = url.strip_prefix("data:image/svg+xml;base64,").unwrap();
        let svg = base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .unwrap();
        let svg = String::from_utf8(svg).unwrap();
        assert!(svg.contains("<svg"), "{svg}");
        assert!(!svg.contains("secret"), "the link is drawn, not written");
        // The same link, the same picture; another link, another one.
        assert_eq!(qr_data_url(&link).unwrap(), url);
        let other = Url::parse("https://example.com/v1/x?token=other").unwrap();
        assert_ne!(qr_data_url(&other).unwrap(), url);
    }
}
