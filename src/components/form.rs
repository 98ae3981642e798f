//! Form controls in the markup of the GOV.UK Design System: every control has a visible label,
//! an optional hint and error tied to it with `aria-describedby`, and an id that the error
//! summary can link to. They render the same with and without JavaScript.

use crate::i18n::t;
use leptos::prelude::*;

/// An error to show beside a field and, with the same words, in the error summary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The id of the element the summary links to (for groups: their first control).
    pub field_id: String,
    pub message: String,
}

/// One option of a radio group, checkbox group or select.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub hint: Option<String>,
}

impl Choice {
    pub fn new(value: impl Into<String>, label: impl Into<String>) -> Self {
        Choice { value: value.into(), label: label.into(), hint: None }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

fn hint_id(id: &str) -> String {
    format!("{id}-hint")
}

fn error_id(id: &str) -> String {
    format!("{id}-error")
}

/// The hint to show: none for an empty one, so that no empty element is announced or pointed
/// to (callers pass `""` when a question has no hint).
fn shown_hint(hint: &Option<String>) -> Option<&String> {
    hint.as_ref().filter(|text| !text.trim().is_empty())
}

/// The ids a control or fieldset is described by: its hint, then its error.
fn described_by(id: &str, hint: &Option<String>, error: &Option<String>) -> Option<String> {
    let ids: Vec<String> =
        [shown_hint(hint).map(|_| hint_id(id)), error.as_ref().map(|_| error_id(id))].into_iter().flatten().collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// A control's classes: its block, any extras, and the block's error modifier when the field
/// has an error (a red border that does not rely on colour alone: the message says it too).
fn control_class(block: &str, extra: Option<String>, error: &Option<String>) -> String {
    let mut class = block.to_string();
    if let Some(extra) = extra {
        class = format!("{class} {extra}");
    }
    if error.is_some() {
        class = format!("{class} {block}--error");
    }
    class
}

fn aria_invalid(error: &Option<String>) -> Option<&'static str> {
    error.is_some().then_some("true")
}

fn group_class(error: &Option<String>) -> &'static str {
    if error.is_some() {
        "pt-form-group pt-form-group--error"
    } else {
        "pt-form-group"
    }
}

/// The error text under a field. Screen readers hear "Error:" before it.
#[component]
pub fn ErrorMessage(#[prop(into)] id: String, #[prop(into)] message: String) -> impl IntoView {
    view! {
        <p id=error_id(&id) class="pt-error-message">
            <span class="pt-visually-hidden">{t("error-prefix")} " "</span>
            {message}
        </p>
    }
}

#[component]
fn HintAndError(id: String, hint: Option<String>, error: Option<String>) -> impl IntoView {
    let hint_id = hint_id(&id);
    let hint = shown_hint(&hint).cloned();
    view! {
        {hint.map(|text| view! { <div id=hint_id class="pt-hint">{text}</div> })}
        {error.map(|message| view! { <ErrorMessage id=id message=message/> })}
    }
}

/// Label, hint and error around one control (text input, textarea, select).
#[component]
fn FieldShell(
    id: String,
    label: String,
    hint: Option<String>,
    error: Option<String>,
    children: Children,
) -> impl IntoView {
    let class = group_class(&error);
    view! {
        <div class=class>
            <label class="pt-label" for=id.clone()>{label}</label>
            <HintAndError id=id hint=hint error=error/>
            {children()}
        </div>
    }
}

/// A fieldset with a legend, hint and error around a group of controls (radios, checkboxes,
/// date parts). With `legend_heading` the legend is the page's `<h1>`, as on a one-question page.
#[component]
fn FieldsetShell(
    id: String,
    legend: String,
    hint: Option<String>,
    error: Option<String>,
    legend_heading: bool,
    children: Children,
) -> impl IntoView {
    let described = described_by(&id, &hint, &error);
    let legend = if legend_heading {
        view! {
            <legend class="pt-fieldset__legend pt-fieldset__legend--l">
                <h1 class="pt-fieldset__heading">{legend}</h1>
            </legend>
        }
        .into_any()
    } else {
        view! { <legend class="pt-fieldset__legend">{legend}</legend> }.into_any()
    };
    let class = group_class(&error);
    view! {
        <div class=class>
            <fieldset class="pt-fieldset" aria-describedby=described>
                {legend}
                <HintAndError id=id hint=hint error=error/>
                {children()}
            </fieldset>
        </div>
    }
}

/// A one-line text input. `id` is also the form field's name.
#[component]
pub fn TextInput(
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional_no_strip, into)] error: Option<String>,
    #[prop(optional, into)] value: String,
    /// `text`, `email`, `tel`, `password`…
    #[prop(default = "text")]
    input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    /// Width class suffix: `5`, `10`, `20` characters, or full width when unset.
    #[prop(optional)]
    width: Option<u8>,
    #[prop(optional)] spellcheck: Option<bool>,
    /// The on-screen keyboard to offer, e.g. `numeric`.
    #[prop(optional)]
    inputmode: Option<&'static str>,
) -> impl IntoView {
    let described = described_by(&id, &hint, &error);
    let class = control_class("pt-input", width.map(|w| format!("pt-input--width-{w}")), &error);
    let invalid = aria_invalid(&error);
    view! {
        <FieldShell id=id.clone() label=label hint=hint error=error>
            <input
                class=class
                id=id.clone()
                name=id
                type=input_type
                value=value
                autocomplete=autocomplete
                inputmode=inputmode
                spellcheck=spellcheck.map(|s| s.to_string())
                aria-describedby=described
                aria-invalid=invalid
            />
        </FieldShell>
    }
}

/// A multi-line text input.
#[component]
pub fn Textarea(
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional_no_strip, into)] error: Option<String>,
    #[prop(optional, into)] value: String,
    #[prop(default = 5)] rows: u8,
) -> impl IntoView {
    let described = described_by(&id, &hint, &error);
    let class = control_class("pt-textarea", None, &error);
    let invalid = aria_invalid(&error);
    view! {
        <FieldShell id=id.clone() label=label hint=hint error=error>
            <textarea
                class=class
                id=id.clone()
                name=id
                rows=rows
                aria-describedby=described
                aria-invalid=invalid
            >
                {value}
            </textarea>
        </FieldShell>
    }
}

/// The `<option>`s of a drop-down as HTML, made once: a long list (the countries, in each
/// language) is built once per language, and a page only marks its chosen option.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SelectOptions {
    html: String,
    /// Each option's value, and where in `html` its `selected` goes: after its value.
    marks: Vec<(String, usize)>,
}

impl SelectOptions {
    pub fn new(choices: &[Choice]) -> SelectOptions {
        let mut html = String::new();
        let mut marks = Vec::with_capacity(choices.len());
        for choice in choices {
            html.push_str("<option value=\"");
            escape_html(&choice.value, &mut html);
            html.push('"');
            marks.push((choice.value.clone(), html.len()));
            html.push('>');
            escape_html(&choice.label, &mut html);
            html.push_str("</option>");
        }
        SelectOptions { html, marks }
    }

    /// The options with the one of value `selected` (if any) chosen.
    pub fn with_selected(&self, selected: Option<&str>) -> String {
        let mark = selected.and_then(|value| self.marks.iter().find(|(v, _)| v == value)).map(|(_, at)| *at);
        match mark {
            Some(at) => [&self.html[..at], " selected", &self.html[at..]].concat(),
            None => self.html.clone(),
        }
    }
}

/// Appends `text` to `out` with the characters that mean something in HTML escaped, so it
/// reads as text in an element or a quoted attribute.
fn escape_html(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// A drop-down list. Prefer radios for fewer than about ten options.
#[component]
pub fn Select(
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    #[prop(into)] options: std::sync::Arc<SelectOptions>,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional_no_strip, into)] error: Option<String>,
    #[prop(optional, into)] selected: Option<String>,
) -> impl IntoView {
    let described = described_by(&id, &hint, &error);
    let class = control_class("pt-select", None, &error);
    let invalid = aria_invalid(&error);
    let options = options.with_selected(selected.as_deref());
    view! {
        <FieldShell id=id.clone() label=label hint=hint error=error>
            <select class=class id=id.clone() name=id aria-describedby=described aria-invalid=invalid
                inner_html=options>
            </select>
        </FieldShell>
    }
}

/// The id of the `index`th control in a group named `name`. The first one carries the group's
/// own name, so an error summary link to `#name` lands on it.
fn choice_id(name: &str, index: usize) -> String {
    if index == 0 {
        name.to_string()
    } else {
        format!("{name}-{}", index + 1)
    }
}

/// Radios or checkboxes: one renderer, since only the input type and the class differ.
fn choice_items(
    name: &str,
    input_type: &'static str,
    options: Vec<Choice>,
    is_checked: impl Fn(&str) -> bool,
) -> impl IntoView {
    let kind = if input_type == "radio" { "pt-radios" } else { "pt-checkboxes" };
    options
        .into_iter()
        .enumerate()
        .map(|(index, choice)| {
            let id = choice_id(name, index);
            let item_hint_id = choice.hint.as_ref().map(|_| format!("{id}-item-hint"));
            let checked = is_checked(&choice.value);
            view! {
                <div class=format!("{kind}__item")>
                    <input
                        class=format!("{kind}__input")
                        id=id.clone()
                        name=name.to_string()
                        type=input_type
                        value=choice.value
                        checked=checked
                        aria-describedby=item_hint_id.clone()
                    />
                    <label class=format!("pt-label {kind}__label") for=id>{choice.label}</label>
                    {choice.hint.map(|hint| view! {
                        <div id=item_hint_id class=format!("pt-hint {kind}__hint")>{hint}</div>
                    })}
                </div>
            }
        })
        .collect_view()
}

/// A group of radios: one answer from a few options.
#[component]
pub fn Radios(
    #[prop(into)] name: String,
    #[prop(into)] legend: String,
    options: Vec<Choice>,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional_no_strip, into)] error: Option<String>,
    #[prop(optional, into)] selected: Option<String>,
    #[prop(optional)] inline: bool,
    #[prop(optional)] legend_heading: bool,
) -> impl IntoView {
    let class = if inline { "pt-radios pt-radios--inline" } else { "pt-radios" };
    let items = choice_items(&name, "radio", options, move |value| selected.as_deref() == Some(value));
    view! {
        <FieldsetShell id=name legend=legend hint=hint error=error legend_heading=legend_heading>
            <div class=class>{items}</div>
        </FieldsetShell>
    }
}

/// A group of checkboxes: any number of answers.
#[component]
pub fn Checkboxes(
    #[prop(into)] name: String,
    #[prop(into)] legend: String,
    options: Vec<Choice>,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional_no_strip, into)] error: Option<String>,
    #[prop(optional)] checked: Vec<String>,
    #[prop(optional)] legend_heading: bool,
) -> impl IntoView {
    let items = choice_items(&name, "checkbox", options, move |value| checked.iter().any(|c| c == value));
    view! {
        <FieldsetShell id=name legend=legend hint=hint error=error legend_heading=legend_heading>
            <div class="pt-checkboxes">{items}</div>
        </FieldsetShell>
    }
}

/// What a date input holds: the parts exactly as typed, so a wrong entry can be shown again.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DateParts {
    pub day: String,
    pub month: String,
    pub year: String,
}

/// A date as three number fields (day, month, year), as people read dates off documents.
/// The fields are named `{id}-day`, `{id}-month` and `{id}-year`; the error summary links to
/// `{id}-day`.
#[component]
pub fn DateInput(
    #[prop(into)] id: String,
    #[prop(into)] legend: String,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional_no_strip, into)] error: Option<String>,
    #[prop(optional)] value: DateParts,
    /// Offers the browser's stored birth date.
    #[prop(optional)]
    birth_date: bool,
    #[prop(optional)] legend_heading: bool,
) -> impl IntoView {
    let invalid = aria_invalid(&error);
    let parts = [
        ("day", "date-day", value.day, 2u8, "bday-day"),
        ("month", "date-month", value.month, 2, "bday-month"),
        ("year", "date-year", value.year, 4, "bday-year"),
    ];
    let inputs = parts
        .into_iter()
        .map(|(part, label_id, part_value, width, autocomplete)| {
            let part_id = format!("{id}-{part}");
            let extra = format!("pt-date-input__input pt-input--width-{width}");
            let class = control_class("pt-input", Some(extra), &error);
            view! {
                <div class="pt-date-input__item">
                    <label class="pt-label pt-date-input__label" for=part_id.clone()>{t(label_id)}</label>
                    <input
                        class=class
                        id=part_id.clone()
                        name=part_id
                        type="text"
                        inputmode="numeric"
                        value=part_value
                        autocomplete=birth_date.then_some(autocomplete)
                        aria-invalid=invalid
                    />
                </div>
            }
        })
        .collect_view();
    view! {
        <FieldsetShell id=id legend=legend hint=hint error=error legend_heading=legend_heading>
            <div class="pt-date-input">{inputs}</div>
        </FieldsetShell>
    }
}

/// The list of everything wrong on a page, at its top. Focus moves to it when the page loads
/// (`autofocus`), so keyboard and screen-reader users hear it first. Each entry links to its
/// field, and the browser moves focus there.
#[component]
pub fn ErrorSummary(errors: Vec<FieldError>) -> impl IntoView {
    if errors.is_empty() {
        return None;
    }
    let items = errors
        .into_iter()
        .map(|e| view! { <li><a href=format!("#{}", e.field_id)>{e.message}</a></li> })
        .collect_view();
    Some(view! {
        <div class="pt-error-summary" tabindex="-1" autofocus>
            <div role="alert">
                <h2 class="pt-error-summary__title">{t("error-summary-title")}</h2>
                <ul class="pt-list pt-error-summary__list">{items}</ul>
            </div>
        </div>
    })
}

/// The kinds of button: the main action, a secondary one, and one that destroys something.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ButtonKind {
    #[default]
    Primary,
    Secondary,
    Warning,
}

impl ButtonKind {
    fn class(self) -> &'static str {
        match self {
            ButtonKind::Primary => "pt-button",
            ButtonKind::Secondary => "pt-button pt-button--secondary",
            ButtonKind::Warning => "pt-button pt-button--warning",
        }
    }
}

/// A submit button. `name`/`value` let one form offer several actions (e.g. save and leave).
#[component]
pub fn Button(
    #[prop(into)] text: String,
    #[prop(optional)] kind: ButtonKind,
    #[prop(optional)] name: Option<&'static str>,
    #[prop(optional)] value: Option<&'static str>,
    /// For an error of the whole form, which the error summary links to the button.
    #[prop(optional)]
    id: Option<&'static str>,
) -> impl IntoView {
    view! { <button type="submit" class=kind.class() id=id name=name value=value>{text}</button> }
}

/// A link that looks like a button, for starting a journey ("Start now").
#[component]
pub fn StartButton(#[prop(into)] href: String, #[prop(into)] text: String) -> impl IntoView {
    view! {
        <a href=href class="pt-button pt-button--start" draggable="false">
            {text}
            <svg class="pt-button__start-icon" xmlns="http://www.w3.org/2000/svg" width="17.5" height="19" viewBox="0 0 33 40" aria-hidden="true" focusable="false">
                <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z"/>
            </svg>
        </a>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::components::test_support::render;

    #[test]
    fn a_text_input_with_an_error_is_described_by_its_hint_and_error() {
        let html = render(|| {
            view! { <TextInput id="email" label="E-mail" hint="We write to you" error="Enter an e-mail address".to_string() value="maria@"/> }
        });
        assert!(html.contains(r#"<label for="email" class="pt-label">E-mail</label>"#), "{html}");
        assert!(html.contains(r#"aria-describedby="email-hint email-error""#), "{html}");
        assert!(html.contains(r#"aria-invalid="true""#), "{html}");
        assert!(html.contains(r#"value="maria@""#), "the typed value must stay: {html}");
        assert!(html.contains("pt-form-group--error") && html.contains("pt-input--error"), "{html}");
        assert!(html.contains("Error: </span>Enter an e-mail address"), "{html}");
    }

    #[test]
    fn a_text_input_without_hint_or_error_has_no_dangling_references() {
        let html = render(|| view! { <TextInput id="name" label="Name"/> });
        assert!(!html.contains("aria-describedby") && !html.contains("aria-invalid"), "{html}");
        // A question without a hint passes an empty one: no element, no reference.
        let html = render(|| view! { <TextInput id="street" label="Street" hint=""/> });
        assert!(!html.contains("street-hint") && !html.contains("aria-describedby"), "{html}");
        let html =
            render(|| view! { <Radios name="yes-no" legend="Yes?" options=vec![Choice::new("yes", "Yes")] hint=" "/> });
        assert!(!html.contains("yes-no-hint") && !html.contains("pt-hint"), "{html}");
    }

    #[test]
    fn the_first_radio_carries_the_group_name_as_its_id() {
        let options = vec![Choice::new("yes", "Yes"), Choice::new("no", "No").with_hint("Then we ask more")];
        let html = render(
            move || view! { <Radios name="married" legend="Are you married?" options=options selected="no" error="Select one".to_string()/> },
        );
        assert!(html.contains(r#"id="married""#) && html.contains(r#"id="married-2""#), "{html}");
        assert!(html.contains(r#"<fieldset aria-describedby="married-error""#), "{html}");
        assert!(html.contains(r#"value="no" checked"#), "{html}");
        assert!(html.contains(r#"aria-describedby="married-2-item-hint""#), "{html}");
    }

    #[test]
    fn checkboxes_keep_every_checked_value() {
        let options = vec![Choice::new("fi", "Suomi"), Choice::new("sv", "Svenska"), Choice::new("en", "English")];
        let html = render(
            move || view! { <Checkboxes name="langs" legend="Languages" options=options checked=vec!["fi".into(), "en".into()]/> },
        );
        assert_eq!(html.matches(" checked").count(), 2, "{html}");
        assert!(html.contains(r#"type="checkbox""#), "{html}");
    }

    #[test]
    fn a_date_input_keeps_what_was_typed_in_named_parts() {
        let value = DateParts { day: "31".into(), month: "2".into(), year: "1990".into() };
        let html = render(move || view! { <DateInput id="birth" legend="Date of birth" value=value birth_date=true/> });
        for (part, typed) in [("day", "31"), ("month", "2"), ("year", "1990")] {
            assert!(html.contains(&format!(r#"id="birth-{part}" name="birth-{part}""#)), "{part}: {html}");
            assert!(html.contains(&format!(r#"value="{typed}""#)), "{part}: {html}");
            assert!(html.contains(&format!(r#"autocomplete="bday-{part}""#)), "{part}: {html}");
        }
        assert!(html.contains(">Day</label>") && html.contains(r#"inputmode="numeric""#), "{html}");
    }

    #[test]
    fn a_select_marks_the_chosen_option() {
        let options =
            SelectOptions::new(&[Choice::new("fi", "Suomi"), Choice::new("sv", "Svenska"), Choice::new("x", "<&\"'>")]);
        let html = render(move || view! { <Select id="lang" label="Language" options=options selected="sv"/> });
        assert!(html.contains(r#"<option value="sv" selected>Svenska</option>"#), "{html}");
        assert!(!html.contains(r#"<option value="fi" selected>"#), "{html}");
        assert!(html.contains(r#"<option value="x">&lt;&amp;&quot;&#39;&gt;</option>"#), "text is escaped: {html}");
        let none = SelectOptions::new(&[Choice::new("fi", "Suomi")]).with_selected(Some("no such value"));
        assert_eq!(none, r#"<option value="fi">Suomi</option>"#);
    }

    #[test]
    fn the_error_summary_links_each_error_to_its_field_and_takes_focus() {
        let errors = vec![
            FieldError { field_id: "email".into(), message: "Enter an e-mail address".into() },
            FieldError { field_id: "birth-day".into(), message: "Enter a real date".into() },
        ];
        let html = render(move || view! { <ErrorSummary errors=errors/> });
        assert!(html.contains(r##"<a href="#email">Enter an e-mail address</a>"##), "{html}");
        assert!(html.contains(r##"<a href="#birth-day">Enter a real date</a>"##), "{html}");
        assert!(html.contains("autofocus") && html.contains(r#"tabindex="-1""#), "{html}");
        assert!(html.contains(r#"role="alert""#) && html.contains("There is a problem"), "{html}");
    }

    #[test]
    fn no_errors_no_summary() {
        assert_eq!(render(|| view! { <ErrorSummary errors=vec![]/> }), "");
    }

    #[test]
    fn buttons_say_what_kind_they_are() {
        let html = render(|| view! { <Button text="Delete" kind=ButtonKind::Warning name="action" value="delete"/> });
        assert!(html.contains(r#"type="submit" name="action" value="delete""#), "{html}");
        assert!(html.contains(r#"class="pt-button pt-button--warning""#), "{html}");
    }
}
