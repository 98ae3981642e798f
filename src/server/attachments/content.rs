//! What an uploaded file is, decided from its content: PDF, JPEG or PNG, never by its name or
//! the type the browser declared. PDFs are parsed (lopdf) and refused when they carry
//! scripts, launch actions, embedded files or encryption, or look like HTML to a browser.
//! Images are decoded within limits (image) and encoded again, which drops their metadata
//! (a phone photo's location) after turning them upright as their orientation says.

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use std::io::Cursor;

/// The most pixels an image may have: a 48-megapixel phone photo passes; a small file that
/// claims 100 000 × 100 000 pixels (a decompression bomb) is refused before it is decoded.
pub const PIXELS_MAX: u64 = 50_000_000;
/// The most memory one image's decoding may take (4 bytes per pixel, and some room).
const DECODE_BYTES_MAX: u64 = 4 * PIXELS_MAX + 64 * 1024 * 1024;

/// A file that passed, as it will be stored.
#[derive(Debug)]
pub struct Checked {
    pub content_type: &'static str,
    /// The bytes to store: the PDF as sent, or the image encoded again.
    pub bytes: Vec<u8>,
}

/// Why a file was refused. Each has its message, `attachment-refused-{code}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Not a PDF, JPEG or PNG, whatever its name says.
    NotAccepted,
    /// HTML, even behind a PDF header: a browser could run it.
    Html,
    /// A PDF with JavaScript or an action that starts a program.
    Active,
    /// A PDF with files embedded in it.
    Embedded,
    /// A PDF locked with a password or encrypted.
    Encrypted,
    /// An image with more pixels than [`PIXELS_MAX`].
    TooManyPixels,
    /// A file of an accepted type that does not parse.
    Unreadable,
}

impl Refusal {
    pub fn code(self) -> &'static str {
        match self {
            Refusal::NotAccepted => "type",
            Refusal::Html => "html",
            Refusal::Active => "active",
            Refusal::Embedded => "embedded",
            Refusal::Encrypted => "encrypted",
            Refusal::TooManyPixels => "pixels",
            Refusal::Unreadable => "unreadable",
        }
    }

    pub const ALL: [Refusal; 7] = [
        Refusal::NotAccepted,
        Refusal::Html,
        Refusal::Active,
        Refusal::Embedded,
        Refusal::Encrypted,
        Refusal::TooManyPixels,
        Refusal::Unreadable,
    ];
}

/// Checks `bytes` and gives what to store. CPU-bound: run it off the async threads.
pub fn inspect(bytes: Vec<u8>) -> Result<Checked, Refusal> {
    if bytes.starts_with(b"%PDF-") {
        inspect_pdf(&bytes)?;
        return Ok(Checked { content_type: "application/pdf", bytes });
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return reencode(&bytes, ImageFormat::Png);
    }
    if bytes.starts_with(b"\xFF\xD8\xFF") {
        return reencode(&bytes, ImageFormat::Jpeg);
    }
    Err(if looks_like_html(&bytes) { Refusal::Html } else { Refusal::NotAccepted })
}

/// What a browser sniffing the first kilobyte could take for HTML (or SVG, which runs
/// scripts too).
fn looks_like_html(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    ["<!doctype", "<html", "<head", "<body", "<script", "<iframe", "<svg", "<?xml"].iter().any(|tag| head.contains(tag))
}

/// Names in a PDF's dictionaries that make it run something, or carry files.
const ACTIVE_KEYS: [&[u8]; 2] = [b"JS", b"JavaScript"];
const ACTIVE_ACTIONS: [&[u8]; 4] = [b"JavaScript", b"Launch", b"ImportData", b"Rendition"];
const EMBEDDED_KEYS: [&[u8]; 2] = [b"EmbeddedFiles", b"EmbeddedFile"];

fn inspect_pdf(bytes: &[u8]) -> Result<(), Refusal> {
    if looks_like_html(bytes) {
        return Err(Refusal::Html);
    }
    // An encrypted PDF names its encryption dictionary; whether or not lopdf can open it (it
    // tries the empty password), it is refused for that.
    if contains(bytes, b"/Encrypt") {
        return Err(Refusal::Encrypted);
    }
    let document = lopdf::Document::load_mem(bytes).map_err(|_| Refusal::Unreadable)?;
    if document.is_encrypted() || document.was_encrypted() {
        return Err(Refusal::Encrypted);
    }
    if document.get_pages().is_empty() {
        return Err(Refusal::Unreadable);
    }
    for object in document.objects.values() {
        refuse_active(object)?;
    }
    Ok(())
}

/// Refuses `object` when it, or a dictionary or array inside it, makes the PDF run something
/// or carry files. lopdf bounds how deep a PDF's objects nest, so the recursion is bounded too.
fn refuse_active(object: &lopdf::Object) -> Result<(), Refusal> {
    let dictionary = match object {
        lopdf::Object::Dictionary(dictionary) => dictionary,
        lopdf::Object::Stream(stream) => &stream.dict,
        lopdf::Object::Array(items) => return items.iter().try_for_each(refuse_active),
        _ => return Ok(()),
    };
    for (key, value) in dictionary.iter() {
        let name = value.as_name().ok();
        if ACTIVE_KEYS.contains(&key.as_slice()) || (key == b"S" && name.is_some_and(|n| ACTIVE_ACTIONS.contains(&n))) {
            return Err(Refusal::Active);
        }
        if EMBEDDED_KEYS.contains(&key.as_slice()) || (key == b"Type" && name == Some(b"EmbeddedFile".as_slice())) {
            return Err(Refusal::Embedded);
        }
        refuse_active(value)?;
    }
    Ok(())
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|window| window == needle)
}

fn reencode(bytes: &[u8], format: ImageFormat) -> Result<Checked, Refusal> {
    let reader = || {
        let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
        let mut limits = Limits::default();
        limits.max_alloc = Some(DECODE_BYTES_MAX);
        reader.limits(limits);
        reader
    };
    let (width, height) = reader().into_dimensions().map_err(|_| Refusal::Unreadable)?;
    if u64::from(width) * u64::from(height) > PIXELS_MAX {
        return Err(Refusal::TooManyPixels);
    }
    let mut decoder = reader().into_decoder().map_err(|_| Refusal::Unreadable)?;
    let orientation = decoder.orientation().map_err(|_| Refusal::Unreadable)?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(|_| Refusal::Unreadable)?;
    image.apply_orientation(orientation);
    let mut out = Cursor::new(Vec::new());
    let content_type = match format {
        ImageFormat::Png => {
            image.write_to(&mut out, ImageFormat::Png).map_err(|_| Refusal::Unreadable)?;
            "image/png"
        }
        _ => {
            // JPEG has no transparency: what had it is laid on white.
            let rgb = DynamicImage::ImageRgb8(image.to_rgb8());
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
                .encode_image(&rgb)
                .map_err(|_| Refusal::Unreadable)?;
            "image/jpeg"
        }
    };
    Ok(Checked { content_type, bytes: out.into_inner() })
}

pub mod samples {
    //! Files made in code, for the tests and benchmarks: nothing is downloaded.

    /// A one-page PDF; `extra` goes into the catalogue dictionary (e.g. `/OpenAction …`).
    pub fn pdf(extra: &str) -> Vec<u8> {
        let objects = [
            format!("<< /Type /Catalog /Pages 2 0 R {extra} >>"),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>".to_string(),
        ];
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, object) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend(format!("{} 0 obj\n{object}\nendobj\n", i + 1).as_bytes());
        }
        let xref = out.len();
        out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
        for offset in offsets {
            out.extend(format!("{offset:010} 00000 n \n").as_bytes());
        }
        out.extend(
            format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes(),
        );
        out
    }

    /// An image of `width` × `height` in `format`.
    pub fn image(width: u32, height: u32, format: image::ImageFormat) -> Vec<u8> {
        let image = image::DynamicImage::ImageRgb8(image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
        }));
        let mut out = std::io::Cursor::new(Vec::new());
        image.write_to(&mut out, format).unwrap();
        out.into_inner()
    }
}

#[cfg(test)]
mod tests {
    use super::samples::{image, pdf};
    use super::*;

    #[test]
    fn a_plain_pdf_and_images_pass_and_images_are_encoded_again() {
        let checked = inspect(pdf("")).unwrap();
        assert_eq!(checked.content_type, "application/pdf");
        let png = inspect(image(40, 30, ImageFormat::Png)).unwrap();
        assert_eq!(png.content_type, "image/png");
        let jpeg = inspect(image(40, 30, ImageFormat::Jpeg)).unwrap();
        assert_eq!(jpeg.content_type, "image/jpeg");
        assert_eq!(image::load_from_memory(&jpeg.bytes).unwrap().width(), 40);
    }

    #[test]
    fn each_kind_of_bad_file_is_refused_for_its_reason() {
        let cases: [(&str, Vec<u8>, Refusal); 10] = [
            ("html named .pdf", b"<!DOCTYPE html><html><script>alert(1)</script>".to_vec(), Refusal::Html),
            ("a PDF header, then HTML", b"%PDF-1.4\n<html><body><script>alert(1)</script>".to_vec(), Refusal::Html),
            ("text", b"just some text".to_vec(), Refusal::NotAccepted),
            ("a zip", b"PK\x03\x04rest".to_vec(), Refusal::NotAccepted),
            ("JavaScript", pdf("/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"), Refusal::Active),
            ("a launch action", pdf("/OpenAction << /S /Launch /F (calc.exe) >>"), Refusal::Active),
            ("an embedded file", pdf("/Names << /EmbeddedFiles << /Names [] >> >>"), Refusal::Embedded),
            ("encrypted", encrypted_pdf(), Refusal::Encrypted),
            ("a broken PDF", b"%PDF-1.4\n1 0 obj << /Type /Catalog".to_vec(), Refusal::Unreadable),
            ("a broken PNG", b"\x89PNG\r\n\x1a\nnot really".to_vec(), Refusal::Unreadable),
        ];
        for (what, bytes, refusal) in cases {
            assert_eq!(inspect(bytes).map(|c| c.content_type), Err(refusal), "{what}");
        }
    }

    fn encrypted_pdf() -> Vec<u8> {
        let mut bytes = pdf("");
        let trailer = bytes.windows(7).rposition(|w| w == b"/Size 4").unwrap();
        bytes.splice(
            trailer..trailer,
            b"/Encrypt << /Filter /Standard /V 1 /R 2 /O (x) /U (y) /P -4 >> ".iter().copied(),
        );
        bytes
    }

    /// A PNG that says it is 60 000 × 60 000 pixels is refused from its header, before any
    /// pixel is decoded.
    #[test]
    fn a_decompression_bomb_is_refused_before_decoding() {
        let mut png = image(1, 1, ImageFormat::Png);
        // The IHDR chunk's width and height (big-endian, after the signature and the chunk's
        // length and type), and its CRC over the type and data.
        png[16..20].copy_from_slice(&60_000u32.to_be_bytes());
        png[20..24].copy_from_slice(&60_000u32.to_be_bytes());
        let crc = crc32(&png[12..29]);
        png[29..33].copy_from_slice(&crc.to_be_bytes());
        assert_eq!(inspect(png).map(|c| c.content_type), Err(Refusal::TooManyPixels));
    }

    /// CRC-32 as PNG chunks use it (ISO 3309), bit by bit: enough for one test chunk.
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for byte in bytes {
            crc ^= u32::from(*byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
            }
        }
        !crc
    }

    /// Metadata goes: a JPEG with an EXIF block (where phones keep the location) comes back
    /// without it.
    #[test]
    fn image_metadata_is_dropped() {
        let jpeg = image(16, 16, ImageFormat::Jpeg);
        let exif = b"\xFF\xE1\x00\x16Exif\x00\x00MM\x00\x2A\x00\x00\x00\x08GPSDATA!";
        let with_exif = [&jpeg[..2], &exif[..], &jpeg[2..]].concat();
        assert!(contains(&with_exif, b"Exif"));
        let checked = inspect(with_exif).unwrap();
        assert!(!contains(&checked.bytes, b"Exif") && !contains(&checked.bytes, b"GPSDATA"));
    }
}
