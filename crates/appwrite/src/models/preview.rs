//! Image preview options (`width`, `height`, `gravity`, `quality`, `border*`, `opacity`,
//! `rotation`, `background`, `output`).

use std::fmt;

/// Where to crop from when both width and height are given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageGravity {
    /// `center`
    Center,
    /// `top-left`
    TopLeft,
    /// `top`
    Top,
    /// `top-right`
    TopRight,
    /// `left`
    Left,
    /// `right`
    Right,
    /// `bottom-left`
    BottomLeft,
    /// `bottom`
    Bottom,
    /// `bottom-right`
    BottomRight,
}

impl ImageGravity {
    /// The wire value.
    pub fn as_str(self) -> &'static str {
        match self {
            ImageGravity::Center => "center",
            ImageGravity::TopLeft => "top-left",
            ImageGravity::Top => "top",
            ImageGravity::TopRight => "top-right",
            ImageGravity::Left => "left",
            ImageGravity::Right => "right",
            ImageGravity::BottomLeft => "bottom-left",
            ImageGravity::Bottom => "bottom",
            ImageGravity::BottomRight => "bottom-right",
        }
    }
}

/// Output format of a preview.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    /// `jpg`
    Jpg,
    /// `jpeg`
    Jpeg,
    /// `png`
    Png,
    /// `webp`
    Webp,
    /// `heic`
    Heic,
    /// `avif`
    Avif,
    /// `gif`
    Gif,
}

impl ImageFormat {
    /// The wire value.
    pub fn as_str(self) -> &'static str {
        match self {
            ImageFormat::Jpg => "jpg",
            ImageFormat::Jpeg => "jpeg",
            ImageFormat::Png => "png",
            ImageFormat::Webp => "webp",
            ImageFormat::Heic => "heic",
            ImageFormat::Avif => "avif",
            ImageFormat::Gif => "gif",
        }
    }
}

impl fmt::Display for ImageGravity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for ImageFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Preview transformations. Unset fields are not sent (the server's defaults apply).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PreviewOptions {
    /// Width in pixels, 0-4000.
    pub width: Option<u32>,
    /// Height in pixels, 0-4000.
    pub height: Option<u32>,
    /// Crop gravity.
    pub gravity: Option<ImageGravity>,
    /// Quality 0-100.
    pub quality: Option<u8>,
    /// Border width in pixels.
    pub border_width: Option<u32>,
    /// Border colour, hex without `#`.
    pub border_color: Option<String>,
    /// Border radius in pixels.
    pub border_radius: Option<u32>,
    /// Opacity 0.0-1.0.
    pub opacity: Option<f32>,
    /// Rotation in degrees, -360..360.
    pub rotation: Option<i32>,
    /// Background colour, hex without `#`.
    pub background: Option<String>,
    /// Output format.
    pub output: Option<ImageFormat>,
}

impl PreviewOptions {
    /// No transformation.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets width and height.
    pub fn size(mut self, width: u32, height: u32) -> Self {
        self.width = Some(width);
        self.height = Some(height);
        self
    }

    /// Sets the output format.
    pub fn output(mut self, format: ImageFormat) -> Self {
        self.output = Some(format);
        self
    }

    /// Sets the quality.
    pub fn quality(mut self, quality: u8) -> Self {
        self.quality = Some(quality);
        self
    }

    /// Sets the gravity.
    pub fn gravity(mut self, gravity: ImageGravity) -> Self {
        self.gravity = Some(gravity);
        self
    }

    /// Sets the background colour (hex without `#`).
    pub fn background(mut self, color: impl Into<String>) -> Self {
        self.background = Some(color.into());
        self
    }

    /// The query pairs for the set options, in the API's parameter order.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        let mut push = |name: &'static str, value: Option<String>| {
            if let Some(v) = value {
                pairs.push((name, v));
            }
        };
        push("width", self.width.map(|v| v.to_string()));
        push("height", self.height.map(|v| v.to_string()));
        push("gravity", self.gravity.map(|v| v.as_str().to_owned()));
        push("quality", self.quality.map(|v| v.to_string()));
        push("borderWidth", self.border_width.map(|v| v.to_string()));
        push("borderColor", self.border_color.clone());
        push("borderRadius", self.border_radius.map(|v| v.to_string()));
        push("opacity", self.opacity.map(|v| v.to_string()));
        push("rotation", self.rotation.map(|v| v.to_string()));
        push("background", self.background.clone());
        push("output", self.output.map(|v| v.as_str().to_owned()));
        pairs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_set_options_are_sent() {
        assert!(PreviewOptions::new().to_pairs().is_empty());
        let opts = PreviewOptions {
            border_width: Some(2),
            border_color: Some("ff0000".into()),
            border_radius: Some(4),
            opacity: Some(0.5),
            rotation: Some(-90),
            ..PreviewOptions::new()
                .size(320, 200)
                .gravity(ImageGravity::TopLeft)
                .quality(80)
                .background("00ff00")
                .output(ImageFormat::Webp)
        };
        let pairs = opts.to_pairs();
        let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(
            pairs,
            vec![
                ("width", "320"),
                ("height", "200"),
                ("gravity", "top-left"),
                ("quality", "80"),
                ("borderWidth", "2"),
                ("borderColor", "ff0000"),
                ("borderRadius", "4"),
                ("opacity", "0.5"),
                ("rotation", "-90"),
                ("background", "00ff00"),
                ("output", "webp"),
            ]
        );
    }
}
