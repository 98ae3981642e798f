//! What an uploaded file is, decided from its content: PDF, JPEG or PNG, never by its name or
//! the type the browser declared. PDFs are parsed (lopdf) and refused when they carry
//! scripts (in any object, in an XFA form too), actions that start a program, submit a form,
//! run a `javascript:` link or fetch a remote file on opening, embedded files or encryption, or
//! markup a browser would run (anywhere in the file: a PDF + HTML polyglot). Images are decoded
//! within limits (image) and encoded again, which drops their metadata (a phone photo's
//! location) after turning them upright as their orientation says.
//!
//! A small file can ask for a great deal of work: a PNG of 7000 × 7000 pixels in one colour is
//! 200 KB, and a PDF's compressed streams can each inflate a thousandfold. So a check is
//! [`plan`]ned first from the file's headers: what memory it will take at most (an image's
//! frames, a copy when turning it, the encoded result; a PDF's parse), refused when that is more
//! than one check may have; and a PDF's object and cross-reference streams, which the parser
//! inflates before anything else runs, are inflated first here, counted and cut off at
//! [`STRUCTURE_INFLATED_MAX`] in all. `check` runs the planned checks a few at a time within a
//! memory budget.

use image::{ImageDecoder, ImageFormat, ImageReader, Limits};
use std::borrow::Cow;
use std::io::{BufRead, Cursor, Read, Seek};
use std::path::PathBuf;
use std::time::Instant;

/// The most pixels an image may have: a 48-megapixel phone photo passes; a small file that
/// claims 100 000 × 100 000 pixels (a decompression bomb) is refused before it is decoded.
pub const PIXELS_MAX: u64 = 50_000_000;
/// The most a PDF's object and cross-reference streams may inflate to, all together: these hold
/// the document's objects, a few megabytes in the largest real documents. (Page contents and
/// images are not inflated by the check.)
pub const STRUCTURE_INFLATED_MAX: u64 = 16 * 1024 * 1024;
/// The most an XFA form's XML may inflate to, all its parts together.
const XFA_INFLATED_MAX: u64 = 8 * 1024 * 1024;

/// A file to check: in memory (a decision fetched from the case backend), or on disk (an
/// upload, received to a temporary file), which is read only when its check's turn comes, so
/// that files waiting their turn take no memory.
#[derive(Debug)]
pub enum Source {
    Bytes(Vec<u8>),
    File(PathBuf),
}

/// A reader over a [`Source`]: the image decoder reads what it needs from the file.
trait BufReadSeek: BufRead + Seek {}
impl<T: BufRead + Seek> BufReadSeek for T {}

impl Source {
    fn open(&self) -> Result<Box<dyn BufReadSeek + '_>, Refusal> {
        Ok(match self {
            Source::Bytes(bytes) => Box::new(Cursor::new(bytes.as_slice())),
            Source::File(path) => {
                Box::new(std::io::BufReader::new(std::fs::File::open(path).map_err(|_| Refusal::Unreadable)?))
            }
        })
    }

    fn len(&self) -> Result<u64, Refusal> {
        match self {
            Source::Bytes(bytes) => Ok(bytes.len() as u64),
            Source::File(path) => Ok(std::fs::metadata(path).map_err(|_| Refusal::Unreadable)?.len()),
        }
    }
}

/// What is stored of a file that passed.
#[derive(Debug)]
pub enum Stored {
    /// The file as it was sent (a PDF).
    AsSent(Source),
    /// An image encoded again.
    Encoded(Vec<u8>),
}

/// A file that passed, as it will be stored.
#[derive(Debug)]
pub struct Checked {
    pub content_type: &'static str,
    pub stored: Stored,
}

impl Checked {
    /// The extension of the file's type, which its stored name ends in whatever it was sent as.
    pub fn extension(&self) -> &'static str {
        match self.content_type {
            "application/pdf" => "pdf",
            "image/png" => "png",
            _ => "jpg",
        }
    }
}

/// Why a file was refused. Each has its message, `attachment-refused-{code}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Not a PDF, JPEG or PNG, whatever its name says.
    NotAccepted,
    /// HTML, even behind a PDF header or after its end: a browser could run it.
    Html,
    /// A PDF with JavaScript or an action that starts a program, submits a form, runs a
    /// `javascript:` link or fetches a remote file.
    Active,
    /// A PDF with files embedded in it.
    Embedded,
    /// A PDF locked with a password or encrypted.
    Encrypted,
    /// An image with more pixels than [`PIXELS_MAX`], or whose check would take more memory than
    /// one check may.
    TooManyPixels,
    /// A PDF whose structure inflates beyond [`STRUCTURE_INFLATED_MAX`], or whose check takes
    /// longer or more memory than one check may.
    TooComplex,
    /// Too many files being checked for too long: try again shortly.
    Busy,
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
            Refusal::TooComplex => "complex",
            Refusal::Busy => "busy",
            Refusal::Unreadable => "unreadable",
        }
    }

    pub const ALL: [Refusal; 9] = [
        Refusal::NotAccepted,
        Refusal::Html,
        Refusal::Active,
        Refusal::Embedded,
        Refusal::Encrypted,
        Refusal::TooManyPixels,
        Refusal::TooComplex,
        Refusal::Busy,
        Refusal::Unreadable,
    ];
}

/// The types a file can be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Pdf,
    Png,
    Jpeg,
}

/// A check to run: the file's type and the most memory the check takes.
#[derive(Clone, Copy, Debug)]
pub struct Plan {
    kind: Kind,
    pub memory_bytes: u64,
}

/// Plans the check of `source` from its type and headers (read from the file, not the whole
/// of it), or refuses it at once: not a type taken, markup, or a check that would take more
/// than `memory_max` bytes.
pub fn plan(source: &Source, memory_max: u64) -> Result<Plan, Refusal> {
    let mut reader = source.open()?;
    let mut head = Vec::with_capacity(1024);
    (&mut reader).take(1024).read_to_end(&mut head).map_err(|_| Refusal::Unreadable)?;
    reader.rewind().map_err(|_| Refusal::Unreadable)?;
    let plan = if head.starts_with(b"%PDF-") {
        // The file, a copy of its streams and a parse of every object, and the inflated
        // structure parsed.
        Plan { kind: Kind::Pdf, memory_bytes: 3 * source.len()? + 4 * STRUCTURE_INFLATED_MAX }
    } else if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        image_plan(reader, Kind::Png)?
    } else if head.starts_with(b"\xFF\xD8\xFF") {
        image_plan(reader, Kind::Jpeg)?
    } else {
        return Err(if looks_like_html(&head) { Refusal::Html } else { Refusal::NotAccepted });
    };
    if plan.memory_bytes > memory_max {
        return Err(if plan.kind == Kind::Pdf { Refusal::TooComplex } else { Refusal::TooManyPixels });
    }
    Ok(plan)
}

/// Checks `source` as planned and gives what to store. CPU-bound and reading files: run it off
/// the async threads. A PDF's check gives up at `deadline`.
pub fn inspect(source: Source, plan: &Plan, deadline: Instant) -> Result<Checked, Refusal> {
    match plan.kind {
        Kind::Pdf => {
            let mut bytes = match &source {
                Source::Bytes(bytes) => bytes.clone(),
                Source::File(path) => std::fs::read(path).map_err(|_| Refusal::Unreadable)?,
            };
            inspect_pdf(&mut bytes, deadline)?;
            Ok(Checked { content_type: "application/pdf", stored: Stored::AsSent(source) })
        }
        Kind::Png => reencode(source.open()?, ImageFormat::Png, plan.memory_bytes),
        Kind::Jpeg => reencode(source.open()?, ImageFormat::Jpeg, plan.memory_bytes),
    }
}

/// What a browser sniffing the first kilobyte could take for HTML (or SVG, which runs
/// scripts too).
fn looks_like_html(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    ["<!doctype", "<html", "<head", "<body", "<script", "<iframe", "<svg", "<?xml"].iter().any(|tag| head.contains(tag))
}

/// Markup that makes a page of a file anywhere in it: a PDF + HTML polyglot puts it after the
/// first kilobyte or after `%%EOF`, where a viewer does not look and a browser does.
const MARKUP: [&[u8]; 6] = [b"<!doctype html", b"<html", b"<head>", b"<body", b"<script", b"<iframe"];

fn carries_markup(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    while let Some(at) = rest.iter().position(|&b| b == b'<') {
        rest = &rest[at..];
        if MARKUP.iter().any(|tag| rest.len() >= tag.len() && rest[..tag.len()].eq_ignore_ascii_case(tag)) {
            return true;
        }
        rest = &rest[1..];
    }
    false
}

/// Names in a PDF's dictionaries that make it run something, or carry files.
const ACTIVE_KEYS: [&[u8]; 2] = [b"JS", b"JavaScript"];
/// Actions a document must not take: run a script, start a program, take in or send data, play
/// media, or go to another file (which may be remote).
const ACTIVE_ACTIONS: [&[u8]; 8] =
    [b"JavaScript", b"Launch", b"ImportData", b"Rendition", b"SubmitForm", b"GoToR", b"GoToE", b"Movie"];
/// The keys whose actions run when the document (or a page, or a field) is opened or touched,
/// without a click on a link: a web address there is fetched on opening.
const AUTOMATIC_ACTIONS: [&[u8]; 2] = [b"OpenAction", b"AA"];
const EMBEDDED_KEYS: [&[u8]; 2] = [b"EmbeddedFiles", b"EmbeddedFile"];

/// Checks the PDF of `bytes`, a copy of the file's: the lengths of its large streams are
/// written over ([`skip_large_streams`]).
fn inspect_pdf(bytes: &mut [u8], deadline: Instant) -> Result<(), Refusal> {
    // An encrypted PDF names its encryption dictionary; whether or not lopdf can open it (it
    // tries the empty password), it is refused for that.
    if contains(bytes, b"/Encrypt") {
        return Err(Refusal::Encrypted);
    }
    // One scan finds the streams for both: the structure counted, the large ones skipped.
    let streams: Vec<RawStream> = raw_streams(bytes).collect();
    inflate_structure(bytes, &streams, deadline)?;
    let skipped = skip_large_streams(bytes, &streams);
    let bytes = &*bytes;
    let options = lopdf::LoadOptions {
        max_decompressed_size: Some(STRUCTURE_INFLATED_MAX as usize),
        filter: Some(stand_in_for_large_streams),
        ..lopdf::LoadOptions::default()
    };
    let is_page = || looks_like_html(bytes) || carries_markup(bytes);
    let Ok(document) = lopdf::Document::load_mem_with_options(bytes, options) else {
        return Err(if is_page() { Refusal::Html } else { Refusal::Unreadable });
    };
    if document.is_encrypted() || document.was_encrypted() {
        return Err(Refusal::Encrypted);
    }
    if document.get_pages().is_empty() {
        return Err(Refusal::Unreadable);
    }
    let mut walk = Walk { document: &document, bytes, skipped: &skipped, deadline, xfa_inflated: 0 };
    // Every object, those that came out of object streams among them.
    for object in document.objects.values() {
        walk.object(object)?;
    }
    // Last, so that a script the walk found (in an XFA form written out plainly) is named as
    // one rather than as a web page.
    if is_page() {
        return Err(Refusal::Html);
    }
    Ok(())
}

/// Streams up to this size are kept whole by the parse. A larger one (a page's scanned image) is
/// skipped by the parse when its length is written plainly ([`skip_large_streams`]); otherwise
/// it is read, judged as an XFA part would be, and replaced by a stand-in saying what was seen
/// ([`stand_in_for_large_streams`]), so that the parse holds one large stream at a time, not
/// a second copy of the file.
const KEPT_STREAM_MAX: usize = 256 * 1024;

/// The large streams the parse skipped: where each one's data starts in the file's bytes, and
/// where it ends.
type Skipped = std::collections::HashMap<usize, usize>;

/// Makes the parser skip the data of each large stream instead of copying it, so that checking
/// a PDF holds the file once, not twice: a stream (not an object or cross-reference stream,
/// which the parse needs) whose dictionary gives its length as a plain number, and whose data
/// that long is followed by `endstream`, has the number written over with `0.5`, padded to the
/// same length so that nothing else in the file moves. lopdf takes no length that is not a whole
/// number, so it keeps only where the data starts (`start_position`); the walk reads an XFA part
/// skipped so from `bytes` ([`Walk::content`]).
fn skip_large_streams(bytes: &mut [u8], streams: &[RawStream]) -> Skipped {
    let skips: Vec<RawStream> = streams
        .iter()
        .filter(|(dictionary, data)| data.len() > KEPT_STREAM_MAX && !is_structure(&bytes[dictionary.clone()]))
        .filter_map(|(dictionary, data)| {
            let (number, length) = plain_length(&bytes[dictionary.clone()])?;
            let end = data.start.checked_add(usize::try_from(length).ok()?)?;
            let after = bytes.get(end..)?;
            let after = after
                .strip_prefix(b"\r\n")
                .or(after.strip_prefix(b"\n"))
                .or(after.strip_prefix(b"\r"))
                .unwrap_or(after);
            after
                .starts_with(b"endstream")
                .then(|| (dictionary.start + number.start..dictionary.start + number.end, data.start..end))
        })
        .collect();
    let mut skipped = Skipped::new();
    for (number, data) in skips {
        let written = &mut bytes[number];
        written.fill(b' ');
        written[..3].copy_from_slice(b"0.5");
        skipped.insert(data.start, data.end);
    }
    skipped
}

/// Where a stream dictionary's own `/Length` is written as a plain number (not a reference), and
/// the number; `None` when it is not, or is written more than once.
fn plain_length(dictionary: &[u8]) -> Option<(std::ops::Range<usize>, u64)> {
    let is_delimiter = |b: &u8| b.is_ascii_whitespace() || b"/<>[]()%".contains(b);
    let mut found = None;
    let mut depth = 0usize;
    let mut at = 0;
    while at < dictionary.len() {
        let rest = &dictionary[at..];
        if rest.starts_with(b"<<") {
            depth += 1;
            at += 2;
        } else if rest.starts_with(b">>") {
            depth = depth.saturating_sub(1);
            at += 2;
        } else if rest.starts_with(b"/Length") && rest.get(7).is_none_or(is_delimiter) {
            if depth != 1 || found.is_some() {
                return None;
            }
            let value = at + 7 + rest[7..].iter().take_while(|b| b.is_ascii_whitespace()).count();
            let digits = dictionary[value..].iter().take_while(|b| b.is_ascii_digit()).count();
            // A reference (`12 0 R`) starts with a number too.
            let next = &dictionary[value + digits..];
            let next = &next[next.iter().take_while(|b| b.is_ascii_whitespace()).count()..];
            if !(3..=18).contains(&digits) || next.first().is_none_or(|b| !is_delimiter(b)) {
                return None;
            }
            let number = std::str::from_utf8(&dictionary[value..value + digits]).ok()?.parse().ok()?;
            found = Some((value..value + digits, number));
            at = value + digits;
        } else {
            at += 1;
        }
    }
    found
}
/// The key of a stand-in's verdict (`Clean`, `Script`, `TooLarge`, `Other`), and of the size
/// a clean one inflated to.
const STAND_IN: &[u8] = b"PortalStandIn";
const STAND_IN_INFLATED: &[u8] = b"PortalStandInInflated";

/// The parse's filter (lopdf calls it on every object as it is read): takes out any stand-in
/// key a file wrote itself, and puts a large stream's content aside — all but its structure
/// streams, which the parse needs — leaving a stand-in that says what the XFA check would
/// have found in it. The walk ([`Walk::xfa_text`]) reads the stand-in as it would the content.
fn stand_in_for_large_streams(id: (u32, u16), object: &mut lopdf::Object) -> Option<((u32, u16), lopdf::Object)> {
    if let lopdf::Object::Stream(stream) = object {
        stream.dict.remove(STAND_IN);
        stream.dict.remove(STAND_IN_INFLATED);
        let structure = stream.dict.has_type(b"ObjStm") || stream.dict.has_type(b"XRef");
        if !structure && stream.content.len() > KEPT_STREAM_MAX {
            let (verdict, inflated) = xfa_verdict(&stream.dict, &stream.content);
            // One space, not none: lopdf reads an empty stream's content again.
            stream.set_plain_content(vec![b' ']);
            stream.dict.set(STAND_IN, lopdf::Object::Name(verdict.to_vec()));
            stream.dict.set(STAND_IN_INFLATED, lopdf::Object::Integer(inflated as i64));
        }
    }
    Some((id, object.clone()))
}

/// What the XFA check would find in a stream of `dictionary` and `content`: `Script` (a
/// script), `TooLarge` (more than [`XFA_INFLATED_MAX`] inflated), `Other` (a filter it does
/// not read), or `Clean`; and how much it inflated to. Inflated a piece at a time, never whole.
fn xfa_verdict(dictionary: &lopdf::Dictionary, content: &[u8]) -> (&'static [u8], u64) {
    const MARKERS: [&[u8]; 2] = [b"<script", b"javascript"];
    let has_marker = |text: &[u8]| MARKERS.iter().any(|marker| contains_ignoring_case(text, marker));
    match dictionary.get(b"Filter").ok() {
        None => (if has_marker(content) { b"Script" } else { b"Clean" }, content.len() as u64),
        Some(filter) if filter.as_name().ok() == Some(b"FlateDecode".as_slice()) => {
            let mut inflater = flate2::Decompress::new(true);
            // Each piece after the end of the one before, so a marker split between them is found.
            let overlap = MARKERS.iter().map(|marker| marker.len()).max().unwrap_or(0) - 1;
            let mut buffer = vec![0u8; 64 * 1024];
            let mut kept = 0;
            loop {
                let (consumed, before) = (inflater.total_in() as usize, inflater.total_out());
                let status =
                    inflater.decompress(&content[consumed..], &mut buffer[kept..], flate2::FlushDecompress::None);
                let filled = kept + (inflater.total_out() - before) as usize;
                if has_marker(&buffer[..filled]) {
                    return (b"Script", inflater.total_out());
                }
                if inflater.total_out() > XFA_INFLATED_MAX {
                    return (b"TooLarge", inflater.total_out());
                }
                match status {
                    Ok(flate2::Status::Ok)
                        if inflater.total_out() > before || inflater.total_in() as usize > consumed =>
                    {
                        kept = overlap.min(filled);
                        buffer.copy_within(filled - kept..filled, 0);
                    }
                    Ok(flate2::Status::StreamEnd) => return (b"Clean", inflater.total_out()),
                    _ => return (b"Other", inflater.total_out()),
                }
            }
        }
        Some(_) => (b"Other", 0),
    }
}

/// The streams a PDF's parser inflates as it loads (object streams and cross-reference streams),
/// inflated here first and counted: more than [`STRUCTURE_INFLATED_MAX`] in all, a filter that
/// cannot be counted, or the deadline passed, and the file is refused before the parser sees it.
fn inflate_structure(bytes: &[u8], streams: &[RawStream], deadline: Instant) -> Result<(), Refusal> {
    let mut total = 0u64;
    for (dictionary, data) in streams {
        let (dictionary, data) = (&bytes[dictionary.clone()], &bytes[data.clone()]);
        if !is_structure(dictionary) {
            continue;
        }
        if !contains(dictionary, b"/Filter") {
            total += data.len() as u64;
        } else if is_flate_alone(dictionary) {
            total += inflated_size(data, STRUCTURE_INFLATED_MAX - total.min(STRUCTURE_INFLATED_MAX), deadline)?;
        } else {
            // A chain of filters, or one that is not Flate: not what a real writer makes here.
            return Err(Refusal::TooComplex);
        }
        if total > STRUCTURE_INFLATED_MAX {
            return Err(Refusal::TooComplex);
        }
    }
    Ok(())
}

/// Whether a stream dictionary's text names an object or cross-reference stream.
fn is_structure(dictionary: &[u8]) -> bool {
    contains(dictionary, b"/ObjStm") || contains(dictionary, b"/XRef")
}

/// Whether a stream dictionary's one filter is Flate (`/DecodeParms` aside).
fn is_flate_alone(dictionary: &[u8]) -> bool {
    let count = |needle: &[u8]| dictionary.windows(needle.len()).filter(|window| *window == needle).count();
    contains(dictionary, b"/FlateDecode") && count(b"Decode") - count(b"DecodeParms") == 1
}

/// Where a stream's dictionary is written in a PDF's bytes, and its data.
type RawStream = (std::ops::Range<usize>, std::ops::Range<usize>);

/// Each `<< … >> stream … endstream` of a PDF's bytes as written: where the dictionary's text is,
/// and the stream's data up to `endstream`. Found by scanning, not parsing, so that nothing is
/// inflated before it is counted.
fn raw_streams(bytes: &[u8]) -> impl Iterator<Item = RawStream> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || loop {
        let at = from + find(&bytes[from..], b"stream")?;
        from = at + 6;
        let start = match &bytes[from..] {
            [b'\r', b'\n', ..] => from + 2,
            [b'\n', ..] | [b'\r', ..] => from + 1,
            _ => continue,
        };
        let head = bytes[..at].trim_ascii_end();
        if !head.ends_with(b">>") {
            continue;
        }
        let Some(open) = dictionary_start(head) else { continue };
        let end = find(&bytes[start..], b"endstream").map_or(bytes.len(), |n| start + n);
        from = end;
        return Some((open..head.len(), start..end));
    })
}

/// Where the dictionary that `head` ends with (`… >>`) opens, its nested `<< >>` counted.
fn dictionary_start(head: &[u8]) -> Option<usize> {
    let mut depth = 0usize;
    let mut at = head.len();
    while at >= 2 {
        match &head[at - 2..at] {
            b">>" => {
                depth += 1;
                at -= 2;
            }
            b"<<" => {
                depth -= 1;
                at -= 2;
                if depth == 0 {
                    return Some(at);
                }
            }
            _ => at -= 1,
        }
    }
    None
}

/// How many bytes zlib `data` inflates to, counted in a small buffer and given up past `max`
/// (then `max + 1`) or at `deadline`. Data that is not whole zlib counts as far as it goes.
fn inflated_size(data: &[u8], max: u64, deadline: Instant) -> Result<u64, Refusal> {
    let mut inflater = flate2::Decompress::new(true);
    let mut buffer = vec![0u8; 64 * 1024];
    loop {
        if Instant::now() > deadline {
            return Err(Refusal::TooComplex);
        }
        let consumed = inflater.total_in() as usize;
        let before = inflater.total_out();
        let status = inflater.decompress(&data[consumed..], &mut buffer, flate2::FlushDecompress::None);
        if inflater.total_out() > max {
            return Ok(max + 1);
        }
        match status {
            Ok(flate2::Status::Ok) if inflater.total_out() > before || (inflater.total_in() as usize) > consumed => {}
            _ => return Ok(inflater.total_out()),
        }
    }
}

/// The walk over a parsed PDF's objects.
struct Walk<'a> {
    document: &'a lopdf::Document,
    /// The file's bytes, which hold the data of the streams the parse skipped.
    bytes: &'a [u8],
    skipped: &'a Skipped,
    deadline: Instant,
    xfa_inflated: u64,
}

impl<'a> Walk<'a> {
    /// Refuses `object` when it, or a dictionary or array inside it, makes the PDF run
    /// something, or carry files. lopdf bounds how deep a PDF's objects nest, so the recursion
    /// is bounded too.
    fn object(&mut self, object: &'a lopdf::Object) -> Result<(), Refusal> {
        if Instant::now() > self.deadline {
            return Err(Refusal::TooComplex);
        }
        let dictionary = match object {
            lopdf::Object::Dictionary(dictionary) => dictionary,
            lopdf::Object::Stream(stream) => &stream.dict,
            lopdf::Object::Array(items) => return items.iter().try_for_each(|item| self.object(item)),
            _ => return Ok(()),
        };
        for (key, value) in dictionary.iter() {
            let name = value.as_name().ok();
            if ACTIVE_KEYS.contains(&key.as_slice())
                || (key == b"S" && name.is_some_and(|n| ACTIVE_ACTIONS.contains(&n)))
            {
                return Err(Refusal::Active);
            }
            if key == b"URI" && self.string(value).is_some_and(is_script_link) {
                return Err(Refusal::Active);
            }
            if AUTOMATIC_ACTIONS.contains(&key.as_slice()) && self.fetches_on_opening(value) {
                return Err(Refusal::Active);
            }
            if key == b"XFA" {
                self.xfa(value)?;
            }
            if EMBEDDED_KEYS.contains(&key.as_slice()) || (key == b"Type" && name == Some(b"EmbeddedFile".as_slice())) {
                return Err(Refusal::Embedded);
            }
            self.object(value)?;
        }
        Ok(())
    }

    /// `object`, or the object it refers to.
    fn resolve<'o>(&self, object: &'o lopdf::Object) -> Option<&'o lopdf::Object>
    where
        'a: 'o,
    {
        match object {
            lopdf::Object::Reference(id) => self.document.get_object(*id).ok(),
            other => Some(other),
        }
    }

    fn string<'o>(&self, object: &'o lopdf::Object) -> Option<&'o [u8]>
    where
        'a: 'o,
    {
        self.resolve(object)?.as_str().ok()
    }

    /// Whether the automatic actions `value` (an action, or a dictionary of them by trigger)
    /// open a web address: fetched as the document opens, telling someone it was opened.
    fn fetches_on_opening(&self, value: &lopdf::Object) -> bool {
        let Some(lopdf::Object::Dictionary(dictionary)) = self.resolve(value) else { return false };
        if dictionary.get(b"S").ok().and_then(|s| s.as_name().ok()) == Some(b"URI".as_slice()) {
            return true;
        }
        dictionary.iter().any(|(_, action)| {
            matches!(self.resolve(action), Some(lopdf::Object::Dictionary(inner))
                if inner.get(b"S").ok().and_then(|s| s.as_name().ok()) == Some(b"URI".as_slice()))
        })
    }

    /// Refuses an XFA form (a stream of XML, or an array of names and streams) that holds
    /// scripts, or whose XML cannot be read to see.
    fn xfa(&mut self, value: &'a lopdf::Object) -> Result<(), Refusal> {
        let parts: Vec<&'a lopdf::Object> = match self.resolve(value) {
            Some(lopdf::Object::Array(items)) => items.iter().filter_map(|item| self.resolve(item)).collect(),
            Some(other) => vec![other],
            None => Vec::new(),
        };
        for part in parts {
            let lopdf::Object::Stream(stream) = part else { continue };
            let xml = self.xfa_text(stream)?;
            if contains_ignoring_case(&xml, b"<script") || contains_ignoring_case(&xml, b"javascript") {
                return Err(Refusal::Active);
            }
        }
        Ok(())
    }

    /// A stream's data: as parsed, or from the file's bytes when the parse skipped it; `None`
    /// when its length could not be read (a reference to an object that is not there), so that
    /// what a reader would take as its data is not known.
    fn content(&self, stream: &'a lopdf::Stream) -> Option<&'a [u8]> {
        match stream.start_position {
            Some(start) if stream.content.is_empty() => self.skipped.get(&start).map(|&end| &self.bytes[start..end]),
            _ => Some(&stream.content),
        }
    }

    /// The XML of one XFA part, inflated within [`XFA_INFLATED_MAX`] for all parts.
    fn xfa_text(&mut self, stream: &'a lopdf::Stream) -> Result<Cow<'a, [u8]>, Refusal> {
        if let Ok(verdict) = stream.dict.get(STAND_IN).and_then(lopdf::Object::as_name) {
            return match verdict {
                b"Clean" => {
                    let inflated = stream.dict.get(STAND_IN_INFLATED).and_then(lopdf::Object::as_i64).unwrap_or(0);
                    self.xfa_inflated += u64::try_from(inflated).unwrap_or(u64::MAX);
                    if self.xfa_inflated > XFA_INFLATED_MAX {
                        return Err(Refusal::TooComplex);
                    }
                    Ok(Cow::Borrowed(&[]))
                }
                b"TooLarge" => Err(Refusal::TooComplex),
                // A script, or a form that cannot be read, as below.
                _ => Err(Refusal::Active),
            };
        }
        // A form that cannot be read is not taken: one whose data is not known, or that has a
        // filter other than Flate.
        let content = self.content(stream).ok_or(Refusal::Active)?;
        let filter = stream.dict.get(b"Filter").ok();
        let xml = match filter.and_then(|f| self.resolve(f)) {
            None => Cow::Borrowed(content),
            Some(f) if f.as_name().ok() == Some(b"FlateDecode".as_slice()) => {
                let left = XFA_INFLATED_MAX.saturating_sub(self.xfa_inflated);
                if inflated_size(content, left, self.deadline)? > left {
                    return Err(Refusal::TooComplex);
                }
                let mut xml = Vec::new();
                std::io::Read::read_to_end(&mut flate2::read::ZlibDecoder::new(content), &mut xml)
                    .map_err(|_| Refusal::Unreadable)?;
                Cow::Owned(xml)
            }
            Some(_) => return Err(Refusal::Active),
        };
        self.xfa_inflated += xml.len() as u64;
        if self.xfa_inflated > XFA_INFLATED_MAX {
            return Err(Refusal::TooComplex);
        }
        Ok(xml)
    }
}

/// A `javascript:` address, however it is spelt (case, spaces and control characters before
/// it, as browsers forgive them).
fn is_script_link(uri: &[u8]) -> bool {
    let kept: Vec<u8> = uri.iter().copied().filter(|b| !b.is_ascii_whitespace() && !b.is_ascii_control()).collect();
    kept.len() >= 11 && kept[..11].eq_ignore_ascii_case(b"javascript:")
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    find(haystack, needle).is_some()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

fn contains_ignoring_case(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|window| window.eq_ignore_ascii_case(needle))
}

/// What an image's check takes at most: the decoded frame, a second one when it is turned a
/// quarter (`apply_orientation` makes a new frame), a copy in RGB for JPEG, and the encoded
/// result (at most half the frame for PNG, a quarter for JPEG at quality 90).
fn image_plan(source: Box<dyn BufReadSeek + '_>, kind: Kind) -> Result<Plan, Refusal> {
    let format = if kind == Kind::Png { ImageFormat::Png } else { ImageFormat::Jpeg };
    let mut decoder = reader(source, format, u64::MAX).into_decoder().map_err(|_| Refusal::Unreadable)?;
    let (width, height) = decoder.dimensions();
    let pixels = u64::from(width) * u64::from(height);
    if pixels > PIXELS_MAX {
        return Err(Refusal::TooManyPixels);
    }
    let frame = decoder.total_bytes();
    let turned = matches!(
        decoder.orientation().map_err(|_| Refusal::Unreadable)?,
        image::metadata::Orientation::Rotate90
            | image::metadata::Orientation::Rotate270
            | image::metadata::Orientation::Rotate90FlipH
            | image::metadata::Orientation::Rotate270FlipH
    );
    let copies = if turned { 2 * frame } else { frame };
    let encoding = match kind {
        Kind::Png => frame / 2,
        _ => 3 * pixels + frame / 4,
    };
    Ok(Plan { kind, memory_bytes: copies + encoding })
}

fn reader<R: BufRead + Seek>(source: R, format: ImageFormat, max_alloc: u64) -> ImageReader<R> {
    let mut reader = ImageReader::with_format(source, format);
    let mut limits = Limits::default();
    limits.max_alloc = Some(max_alloc);
    reader.limits(limits);
    reader
}

/// Decodes the image, turns it upright and encodes it again, within `memory` bytes.
fn reencode(source: Box<dyn BufReadSeek + '_>, format: ImageFormat, memory: u64) -> Result<Checked, Refusal> {
    let mut decoder = reader(source, format, memory).into_decoder().map_err(|_| Refusal::Unreadable)?;
    let orientation = decoder.orientation().map_err(|_| Refusal::Unreadable)?;
    let mut image = image::DynamicImage::from_decoder(decoder).map_err(|_| Refusal::Unreadable)?;
    image.apply_orientation(orientation);
    let mut out = Cursor::new(Vec::new());
    let content_type = match format {
        ImageFormat::Png => {
            image.write_to(&mut out, ImageFormat::Png).map_err(|_| Refusal::Unreadable)?;
            "image/png"
        }
        _ => {
            // JPEG has no transparency: what had it is laid on white.
            let rgb = image::DynamicImage::ImageRgb8(image.to_rgb8());
            drop(image);
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
                .encode_image(&rgb)
                .map_err(|_| Refusal::Unreadable)?;
            "image/jpeg"
        }
    };
    Ok(Checked { content_type, stored: Stored::Encoded(out.into_inner()) })
}

#[cfg(any(test, feature = "test-support"))]
pub mod samples {
    //! Files made in code, for the tests and benchmarks: nothing is downloaded.

    /// A one-page PDF; `extra` goes into the catalogue dictionary (e.g. `/OpenAction …`).
    pub fn pdf(extra: &str) -> Vec<u8> {
        pdf_of(&[], extra)
    }

    /// A one-page PDF with `more` as its objects 4, 5, …, written as given; `extra` goes into
    /// the catalogue dictionary.
    pub fn pdf_of(more: &[&[u8]], extra: &str) -> Vec<u8> {
        let first = [
            format!("<< /Type /Catalog /Pages 2 0 R {extra} >>"),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>".to_string(),
        ];
        let objects: Vec<&[u8]> = first.iter().map(|o| o.as_bytes()).chain(more.iter().copied()).collect();
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, object) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend(format!("{} 0 obj\n", i + 1).as_bytes());
            out.extend(*object);
            out.extend(b"\nendobj\n");
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

    /// A one-page PDF with an XFA form holding `xml` (Flate-compressed when `compressed`),
    /// written by lopdf; with `packed`, its dictionaries are in compressed object streams and
    /// its cross-reference table a stream, as PDF 1.5 writers do.
    pub fn xfa_pdf(xml: &str, compressed: bool, packed: bool) -> Vec<u8> {
        xfa_pdf_with(xml, compressed, packed, lopdf::Dictionary::new())
    }

    /// [`xfa_pdf`], with `dictionary` as the XFA stream's own entries.
    pub fn xfa_pdf_with(xml: &str, compressed: bool, packed: bool, dictionary: lopdf::Dictionary) -> Vec<u8> {
        use lopdf::{dictionary, Document, Object, Stream};
        let mut document = Document::with_version("1.5");
        let pages = document.new_object_id();
        let media_box: Vec<Object> = vec![0.into(), 0.into(), 612.into(), 792.into()];
        let page = document.add_object(dictionary! { "Type" => "Page", "Parent" => pages, "MediaBox" => media_box });
        let kids: Vec<Object> = vec![page.into()];
        document
            .objects
            .insert(pages, Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => 1 }));
        let mut stream = Stream::new(dictionary, xml.as_bytes().to_vec());
        if compressed {
            stream.compress().unwrap();
            assert!(stream.dict.get(b"Filter").is_ok(), "the XML is long enough to compress");
        }
        let xfa = document.add_object(stream);
        let fields: Vec<Object> = Vec::new();
        let form = document.add_object(dictionary! { "Fields" => fields, "XFA" => xfa });
        let catalog = document.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages, "AcroForm" => form });
        document.trailer.set("Root", catalog);
        let options = lopdf::SaveOptions::builder().use_object_streams(packed).use_xref_streams(packed).build();
        let mut out = Vec::new();
        document.save_with_options(&mut out, options).unwrap();
        out
    }

    /// A one-page PDF with `count` object streams that each inflate to `each` bytes of zeros.
    pub fn pdf_bomb(count: usize, each: usize) -> Vec<u8> {
        use std::io::Write;
        let mut zeros = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        let block = vec![0u8; 1024 * 1024];
        for _ in 0..each / block.len() {
            zeros.write_all(&block).unwrap();
        }
        zeros.write_all(&block[..each % block.len()]).unwrap();
        let zeros = zeros.finish().unwrap();
        let mut out = pdf("");
        let end = out.len();
        for n in 0..count {
            out.extend(
                format!(
                    "{} 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length {} >>\nstream\n",
                    100 + n,
                    zeros.len()
                )
                .as_bytes(),
            );
            out.extend(&zeros);
            out.extend(b"\nendstream\nendobj\n");
        }
        // The objects go before the cross-reference table, which moves along.
        let tail = out[..end].windows(4).rposition(|w| w == b"xref").unwrap();
        let moved: Vec<u8> = out.drain(tail..end).collect();
        let xref_at = out.len();
        out.extend(&moved);
        let text = String::from_utf8_lossy(&out[xref_at..]).into_owned();
        let old_at = text.rsplit("startxref\n").next().unwrap().lines().next().unwrap().to_string();
        let fixed = text.replacen(&format!("startxref\n{old_at}"), &format!("startxref\n{xref_at}"), 1);
        out.truncate(xref_at);
        out.extend(fixed.as_bytes());
        out
    }

    /// A PNG of `width` × `height` pixels in one colour (RGBA, or RGB), with an eXIf chunk saying
    /// `orientation` (1–8): small to send, large to decode. Written row by row, so making it
    /// takes no frame's memory.
    pub fn png_bomb(width: u32, height: u32, rgba: bool, orientation: u16) -> Vec<u8> {
        use std::io::Write;
        let chunk = |out: &mut Vec<u8>, kind: &[u8], data: &[u8]| {
            out.extend((data.len() as u32).to_be_bytes());
            let mut crc = flate2::Crc::new();
            crc.update(kind);
            crc.update(data);
            out.extend(kind);
            out.extend(data);
            out.extend(crc.sum().to_be_bytes());
        };
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut header = Vec::new();
        header.extend(width.to_be_bytes());
        header.extend(height.to_be_bytes());
        header.extend([8, if rgba { 6 } else { 2 }, 0, 0, 0]);
        chunk(&mut out, b"IHDR", &header);
        // A big-endian TIFF block with one entry: Orientation (0x0112), a SHORT.
        let mut exif = b"MM\x00\x2A\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01".to_vec();
        exif.extend(orientation.to_be_bytes());
        exif.extend([0, 0, 0, 0, 0, 0]);
        chunk(&mut out, b"eXIf", &exif);
        let row_bytes = width as usize * if rgba { 4 } else { 3 };
        let row: Vec<u8> = std::iter::once(0)
            .chain((0..row_bytes).map(|i| [30u8, 90, 200, 255][i % if rgba { 4 } else { 3 }]))
            .collect();
        let mut pixels = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        for _ in 0..height {
            pixels.write_all(&row).unwrap();
        }
        chunk(&mut out, b"IDAT", &pixels.finish().unwrap());
        chunk(&mut out, b"IEND", &[]);
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
    use super::samples::{image, pdf, pdf_bomb, pdf_of, png_bomb, xfa_pdf, xfa_pdf_with};
    use super::*;

    /// Plans with the default budget and checks at once, as `check::Checks` does in turn.
    fn inspect(bytes: Vec<u8>) -> Result<Checked, Refusal> {
        let source = Source::Bytes(bytes);
        let plan = plan(&source, BUDGET)?;
        super::inspect(source, &plan, Instant::now() + std::time::Duration::from_secs(60))
    }

    /// The bytes a check gives to store.
    fn stored(checked: Checked) -> Vec<u8> {
        match checked.stored {
            Stored::AsSent(Source::Bytes(bytes)) | Stored::Encoded(bytes) => bytes,
            Stored::AsSent(Source::File(path)) => std::fs::read(path).unwrap(),
        }
    }

    const BUDGET: u64 = 256 * 1024 * 1024;

    #[test]
    fn a_plain_pdf_and_images_pass_and_images_are_encoded_again() {
        let checked = inspect(pdf("")).unwrap();
        assert_eq!(checked.content_type, "application/pdf");
        let png = inspect(image(40, 30, ImageFormat::Png)).unwrap();
        assert_eq!(png.content_type, "image/png");
        let jpeg = inspect(image(40, 30, ImageFormat::Jpeg)).unwrap();
        assert_eq!(jpeg.content_type, "image/jpeg");
        assert_eq!(image::load_from_memory(&stored(jpeg)).unwrap().width(), 40);
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

    /// What the probe found passing: scripts in XFA forms (plain, compressed, and with the form
    /// in a compressed object stream), a PDF with HTML after its end, and actions that submit a
    /// form, run a `javascript:` link, go to another file or fetch an address on opening.
    #[test]
    fn active_content_anywhere_in_a_pdf_is_refused() {
        let script = format!("<xdp:xdp><template><subform>{}<field><event activity=\"initialize\"><script contentType=\"application/x-javascript\">app.alert(1)</script></event></field></subform></template></xdp:xdp>", "<field name=\"a\"/>".repeat(20));
        let mut polyglot = pdf("");
        polyglot.extend(format!("%{}\n", " ".repeat(2048)).as_bytes());
        polyglot.extend(b"<html><body><script>alert(document.domain)</script></body></html>");
        let cases: [(&str, Vec<u8>, Refusal); 12] = [
            ("an XFA script", xfa_pdf(&script, false, false), Refusal::Active),
            ("a compressed XFA script", xfa_pdf(&script, true, false), Refusal::Active),
            ("an XFA script, the form in an object stream", xfa_pdf(&script, true, true), Refusal::Active),
            ("HTML after %%EOF, past the first KiB", polyglot, Refusal::Html),
            ("a form submitted", pdf("/OpenAction << /S /SubmitForm /F (https://x.example/) >>"), Refusal::Active),
            ("a javascript: link", pdf("/Names << /L << /S /URI /URI ( JavaScript:alert(1)) >> >>"), Refusal::Active),
            (
                "an address fetched on opening",
                pdf("/OpenAction << /S /URI /URI (https://x.example/seen) >>"),
                Refusal::Active,
            ),
            ("the same by trigger", pdf("/AA << /O << /S /URI /URI (https://x.example/seen) >> >>"), Refusal::Active),
            (
                "another file",
                pdf("/OpenAction << /S /GoToR /F (http://x.example/a.pdf) /D [0 /Fit] >>"),
                Refusal::Active,
            ),
            ("an embedded go-to", pdf("/OpenAction << /S /GoToE /D [0 /Fit] >>"), Refusal::Active),
            ("data taken in", pdf("/OpenAction << /S /ImportData /F (x.fdf) >>"), Refusal::Active),
            ("structure inflating past its limit", pdf_bomb(3, 8 * 1024 * 1024), Refusal::TooComplex),
        ];
        for (what, bytes, refusal) in cases {
            assert_eq!(inspect(bytes).map(|c| c.content_type), Err(refusal), "{what}");
        }
        let form = "<xdp:xdp><template><subform><field name=\"surname\"/></subform></template></xdp:xdp>".repeat(5);
        for (what, bytes) in [
            ("an XFA form without scripts", xfa_pdf(&form, true, true)),
            ("a link to click", pdf("/Names << /L << /S /URI /URI (https://migri.fi/) >> >>")),
            ("structure within its limit", pdf_bomb(1, 1024 * 1024)),
        ] {
            assert_eq!(inspect(bytes).map(|c| c.content_type), Ok("application/pdf"), "{what}");
        }
    }

    /// The bombs the probe sent are planned, not decoded: a 7000 × 7000 PNG turned a quarter
    /// needs two frames and is refused from its header; the same unturned in RGB fits one
    /// check's budget, and a phone photo's does too.
    #[test]
    fn an_images_check_is_planned_from_its_header_within_the_budget() {
        let mib = |bytes: u64| bytes / (1024 * 1024);
        let plan = |bytes: Vec<u8>, budget| plan(&Source::Bytes(bytes), budget);
        assert_eq!(
            plan(png_bomb(7000, 7000, true, 6), BUDGET).map(|p| mib(p.memory_bytes)),
            Err(Refusal::TooManyPixels)
        );
        let unturned = plan(png_bomb(7000, 7000, false, 1), BUDGET).unwrap();
        assert!(mib(unturned.memory_bytes) < 256 && mib(unturned.memory_bytes) > 140, "{}", mib(unturned.memory_bytes));
        assert_eq!(plan(png_bomb(4000, 3000, false, 6), BUDGET).map(|p| mib(p.memory_bytes) < 100), Ok(true));
        assert_eq!(plan(png_bomb(60, 40, true, 6), BUDGET).map(|p| p.kind), Ok(Kind::Png));
        // Turned upright when checked: 60 × 40, a quarter turn, is 40 × 60.
        let turned = inspect(png_bomb(60, 40, true, 6)).unwrap();
        assert_eq!(image::load_from_memory(&stored(turned)).unwrap().width(), 40);
    }

    /// A large XFA form is not copied by the parse (lopdf writes its length as a number), and
    /// what the XFA check sees in it still decides: a script at its start or its end, plain or
    /// compressed, is refused; a clean one passes; one that inflates past the limit is refused.
    /// A stand-in the file wrote itself is not believed.
    #[test]
    fn a_large_xfa_form_is_judged_whole() {
        let noise = noise(800_000);
        let script = "<script>app.alert(1)</script>";
        let cases = [
            ("at its start", format!("<xdp>{script}{noise}</xdp>"), Err(Refusal::Active)),
            ("at its end", format!("<xdp>{noise}{script}</xdp>"), Err(Refusal::Active)),
            ("none", format!("<xdp>{noise}</xdp>"), Ok("application/pdf")),
        ];
        for (what, xml, expected) in cases {
            for compressed in [false, true] {
                let bytes = xfa_pdf(&xml, compressed, false);
                assert!(bytes.len() > KEPT_STREAM_MAX + 50_000, "large enough to be put aside");
                assert_eq!(
                    inspect(bytes).map(|c| c.content_type),
                    expected,
                    "a script {what}, compressed {compressed}"
                );
            }
        }
        let inflating = format!("<xdp>{noise}{}</xdp>", "0".repeat(XFA_INFLATED_MAX as usize));
        let bytes = xfa_pdf(&inflating, true, false);
        assert!(bytes.len() > KEPT_STREAM_MAX && bytes.len() < 2 * 1024 * 1024);
        assert_eq!(inspect(bytes).map(|c| c.content_type), Err(Refusal::TooComplex), "past the limit inflated");
        let forged = lopdf::dictionary! { "PortalStandIn" => "Clean", "PortalStandInInflated" => 0 };
        let small_script = xfa_pdf_with(&format!("<xdp>{script}</xdp>"), false, false, forged);
        assert_eq!(inspect(small_script).map(|c| c.content_type), Err(Refusal::Active), "a forged stand-in");
    }

    /// Hex of a simple generator's numbers: text that compresses to about half.
    fn noise(length: usize) -> String {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        (0..length)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                char::from_digit((state % 16) as u32, 16).unwrap()
            })
            .collect()
    }

    /// A large stream is judged from the same data however its length is written: a plain
    /// number (the parse skips the data, which the walk then reads from the file), a reference
    /// to a number (the parse copies the data and puts it aside), or a reference to an object that
    /// is not there (no reader can tell where the data ends: an XFA form like that is refused).
    /// Nothing but the number moves when the parse is made to skip the data.
    #[test]
    fn a_large_stream_is_read_however_its_length_is_written() {
        let clean = format!("<xdp>{}</xdp>", noise(400_000));
        let scripted = format!("<xdp>{}<script>app.alert(1)</script></xdp>", noise(400_000));
        for (xml, passes) in [(&clean, true), (&scripted, false)] {
            for (written, skipped) in [(xml.len().to_string(), true), ("6 0 R".into(), false), ("9 0 R".into(), false)]
            {
                let stream = format!("<< /Length {written} >>\nstream\n{xml}\nendstream");
                let length = xml.len().to_string();
                let more: [&[u8]; 3] = [b"<< /Fields [] /XFA 5 0 R >>", stream.as_bytes(), length.as_bytes()];
                let bytes = pdf_of(&more, "/AcroForm 4 0 R");
                let mut parsed = bytes.clone();
                let streams: Vec<RawStream> = raw_streams(&parsed).collect();
                let skips = skip_large_streams(&mut parsed, &streams);
                if skipped {
                    let start = find(&bytes, b"stream\n<xdp>").unwrap() + 7;
                    assert_eq!(skips, Skipped::from([(start, start + xml.len())]));
                    let changed: Vec<usize> = (0..bytes.len()).filter(|&i| bytes[i] != parsed[i]).collect();
                    let number = find(&bytes, b"/Length ").unwrap() + 8;
                    assert_eq!(changed, (number..number + length.len()).collect::<Vec<_>>(), "only the number");
                } else {
                    assert!(skips.is_empty(), "{written}");
                }
                let expected = if passes && written != "9 0 R" { Ok("application/pdf") } else { Err(Refusal::Active) };
                assert_eq!(inspect(bytes).map(|c| c.content_type), expected, "length {written}, passes {passes}");
            }
        }
    }

    /// Only a stream dictionary's own length, written once as a number, is taken.
    #[test]
    fn a_plain_length_is_found_where_the_dictionary_itself_gives_it() {
        let number = |dictionary: &str| plain_length(dictionary.as_bytes()).map(|(_, n)| n);
        assert_eq!(number("<< /Length 300000 /Filter /FlateDecode >>"), Some(300_000));
        assert_eq!(number("<</Length1 52000/Length 300000>>"), Some(300_000));
        assert_eq!(number("<< /Length\n300000\n>>"), Some(300_000));
        assert_eq!(number("<< /Length 12 0 R >>"), None, "a reference");
        assert_eq!(number("<< /Length 300000 /Length 300001 >>"), None, "written twice");
        assert_eq!(number("<< /DecodeParms << /Length 300000 >> >>"), None, "not its own");
        assert_eq!(number("<< /Length 3.5e5 >>"), None, "not a whole number");
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
        let checked = stored(inspect(with_exif).unwrap());
        assert!(!contains(&checked, b"Exif") && !contains(&checked, b"GPSDATA"));
    }
}
