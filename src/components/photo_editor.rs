//! Choosing, cropping and uploading a new profile photo. The upload belongs to the editor:
//! leaving the page aborts one still on its way (and the profile is read again).

use crate::api::{ApiError, PhotoUpload};
use crate::components::avatar::{Avatar, AvatarSize};
use crate::components::chosen_photo::{encode, Chosen};
use crate::components::crop_preview::CropPreview;
use crate::components::pending_photo::use_pending_photo;
use crate::crop::{check_file, within, Crop};
use crate::current_profile::use_current_profile;
use crate::focus::focus_id;
use crate::i18n::{t, tf, tr, Msg};
use crate::page_action::page_action;
use crate::session::use_session;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlImageElement, Url};

/// What the photo card says.
#[derive(Debug, Clone, PartialEq)]
enum PhotoMessage {
    Problem(Msg),
    /// The server's own words, or a failure's sentence.
    Failed(String),
    Saved,
}

#[component]
pub fn PhotoEditor() -> impl IntoView {
    let session = use_session();
    let current = use_current_profile();
    let chosen = RwSignal::new_local(None::<Chosen>);
    let crop = RwSignal::new(None::<Crop>);
    let note = RwSignal::new(None::<PhotoMessage>);
    let file_input = NodeRef::<leptos::html::Input>::new();
    // The running upload's progress: bytes sent over bytes to send, as the browser reports.
    let progress = RwSignal::new(None::<f64>);
    // The last upload's outcome is the form's to say (Save changes started it).
    let told_by_form = RwSignal::new(false);
    // The form's Save changes uploads the chosen photo too, when the edit page links them.
    let pending = use_pending_photo();
    // Whether a photo is being cropped: changes only when one is chosen or put aside, so the
    // preview is built once per photo (and keeps focus and the pointer while in use).
    let cropping = Memo::new(move |_| crop.with(Option::is_some));
    // The slider follows the crop (set as a number: a float attribute would be printed).
    let zoom_input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let (Some(c), Some(input)) = (crop.get(), zoom_input.get()) {
            input.set_value_as_number(c.zoom());
        }
    });

    // Also called from an image's late load or error, when the editor may be gone.
    let release = move || {
        if let Some(old) = chosen.try_update(Option::take).flatten() {
            old.image.set_onload(None);
            old.image.set_onerror(None);
            let _ = Url::revoke_object_url(&old.url);
        }
        crop.try_set(None);
        if let Some(input) = file_input.try_get_untracked().flatten() {
            input.set_value("");
        }
    };
    on_cleanup(move || {
        if let Some(Some(old)) = chosen.try_update_untracked(Option::take) {
            let _ = Url::revoke_object_url(&old.url);
        }
    });
    let cancel = move || {
        release();
        note.set(None);
        focus_id("photo-file");
    };

    let on_file = move |_| {
        told_by_form.set(false);
        note.set(None);
        let Some(file) = file_input.get_untracked().and_then(|i| i.files()).and_then(|files| files.get(0)) else {
            return;
        };
        if let Err(refused) = check_file(&file.type_(), file.size()) {
            release();
            note.set(Some(PhotoMessage::Problem(refused.message())));
            return;
        }
        let (Ok(url), Ok(image)) = (Url::create_object_url_with_blob(&file), HtmlImageElement::new()) else {
            note.set(Some(PhotoMessage::Problem(Msg::FileCannotOpen)));
            return;
        };
        release();
        // Decoding takes a while: by then another photo may be chosen, or the editor gone.
        let still_chosen = {
            let image = image.clone();
            move || chosen.try_with_untracked(|c| c.as_ref().is_some_and(|c| c.image == image)) == Some(true)
        };
        let loaded = image.clone();
        let on_load = Closure::once_into_js({
            let still_chosen = still_chosen.clone();
            move || {
                if still_chosen() {
                    crop.try_set(Some(Crop::new(loaded.natural_width(), loaded.natural_height())));
                }
            }
        });
        let on_error = Closure::once_into_js(move || {
            if still_chosen() {
                release();
                note.try_set(Some(PhotoMessage::Problem(Msg::FileNotPhoto)));
            }
        });
        image.set_onload(Some(on_load.unchecked_ref()));
        image.set_onerror(Some(on_error.unchecked_ref()));
        image.set_src(&url);
        chosen.set(Some(Chosen { image, url, name: file.name() }));
    };

    // The answer to an upload this editor started.
    let on_uploaded = move |result: Result<crate::profile::Profile, ApiError>| {
        let for_form = pending.is_some_and(|p| p.take_for_form());
        told_by_form.set(for_form);
        match result {
            Ok(_) => {
                release();
                // Saved by Save changes: said once, by the form.
                note.set((!for_form).then_some(PhotoMessage::Saved));
            }
            Err(ApiError::SessionExpired) => return,
            Err(ApiError::Invalid(errors)) => note.set(Some(PhotoMessage::Failed(
                errors
                    .for_field("photo")
                    .or_else(|| errors.general.first().cloned())
                    .unwrap_or_else(|| t(Msg::PhotoRefused)),
            ))),
            Err(other) => {
                note.set(Some(PhotoMessage::Failed([other.to_string(), t(Msg::PhotoStillSelected)].join(" "))))
            }
        }
        // Started by Save changes: the form says how it went, where the student is.
        match pending.filter(|_| for_form) {
            Some(pending) => pending.report(match note.get_untracked() {
                Some(PhotoMessage::Failed(text)) => Err(text),
                Some(PhotoMessage::Problem(msg)) => Err(t(msg)),
                Some(PhotoMessage::Saved) | None => Ok(()),
            }),
            None => request_animation_frame(|| focus_id("photo-note")),
        }
    };
    let upload = page_action(move |(user_id, photo): &(u64, PhotoUpload)| {
        progress.set(Some(0.0));
        let sending = current.upload(*user_id, photo.clone(), move |p| progress.set(Some(p)));
        async move {
            let answer = sending.await;
            progress.try_set(None);
            // Gone with the page: the profile asks the server what it holds now.
            if !matches!(answer, Err(ApiError::Cancelled)) {
                on_uploaded(answer);
            }
        }
    });
    let uploading = upload.pending();

    let start_upload = move || {
        let Some(c) = crop.get_untracked() else { return };
        let photo = chosen.with_untracked(|chosen| chosen.as_ref().and_then(|ch| encode(&ch.image, &c)));
        let Some(photo) = photo else {
            let for_form = pending.filter(|p| p.take_for_form());
            told_by_form.set(for_form.is_some());
            note.set(Some(PhotoMessage::Problem(Msg::PhotoCannotPrepare)));
            if let Some(pending) = for_form {
                pending.report(Err(t(Msg::PhotoCannotPrepare)));
            }
            return;
        };
        let Some(user_id) = session.user_id() else { return };
        note.set(None);
        upload.dispatch((user_id, photo));
    };
    if let Some(pending) = pending {
        pending.offer(cropping.into(), uploading.into(), Callback::new(move |()| start_upload()));
    }

    let current_avatar = move || {
        current.profile().map(|p| {
            let name = p.name();
            view! { <Avatar images=p.images name size=AvatarSize::Profile/> }
        })
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && crop.get_untracked().is_some() && !uploading.get_untracked() {
            ev.prevent_default();
            cancel();
        }
    };
    // A fresh element per note: problems are alerts, the saved photo a status message.
    // A failure of an upload Save changes started is said by the form, where the student is:
    // shown here too, but not announced twice.
    let note_view = move || {
        note.get().map(|n| {
            let problem = n != PhotoMessage::Saved;
            let role = match (told_by_form.get_untracked(), problem) {
                (true, _) => None,
                (false, true) => Some("alert"),
                (false, false) => Some("status"),
            };
            let text = move || match &n {
                PhotoMessage::Problem(msg) => t(*msg),
                PhotoMessage::Failed(text) => text.clone(),
                PhotoMessage::Saved => t(Msg::PhotoSaved),
            };
            view! {
                <div id="photo-note" tabindex="-1" role=role
                    class="photo-note" class:alert-error=problem class:alert-ok=!problem>
                    {text}
                </div>
            }
        })
    };

    view! {
        <section class="card photo-editor" aria-labelledby="photo-heading" on:keydown=on_keydown>
            <h2 id="photo-heading">{tr(Msg::Photo)}</h2>
            {move || (!cropping.get()).then(current_avatar)}
            {note_view}
            // The browser's own control ("No file chosen") is hidden but still takes focus and
            // opens the chooser with Enter or Space; its label is the button seen.
            <div class="field">
                <input
                    id="photo-file"
                    class="file-input"
                    type="file"
                    accept="image/*"
                    aria-describedby="photo-file-hint"
                    node_ref=file_input
                    on:change=on_file
                    disabled=uploading
                />
                <label for="photo-file" class="button button-secondary file-button">{tr(Msg::ChoosePhoto)}</label>
                <p id="photo-file-hint" class="hint">{tr(Msg::PhotoHint)}</p>
            </div>
            {move || chosen.with(|c| c.as_ref().map(|c| (c.name.clone(), c.image.clone()))).filter(|_| cropping.get()).map(|(name, image)| view! {
                <p class="chosen-file">{move || tf(Msg::ChosenFile, &[("name", &name)])}</p>
                <CropPreview image crop/>
            })}
            <Show when=move || cropping.get()>
                <div class="field">
                    <label for="photo-zoom">{tr(Msg::Zoom)}</label>
                    <input
                        id="photo-zoom"
                        type="range"
                        min="1"
                        max="4"
                        step="0.05"
                        node_ref=zoom_input
                        on:input=move |ev| {
                            let zoom = event_target::<web_sys::HtmlInputElement>(&ev).value_as_number();
                            crop.update(|c| c.iter_mut().for_each(|c| c.set_zoom(zoom)));
                        }
                    />
                </div>
                {move || progress.get().map(|p| {
                    // Whole percents: no float is ever printed (Rust's float printing costs the
                    // bundle 10 KB, and a float attribute pulls it in).
                    let percent = ((within(p, 0.0, 1.0) * 100.0).round() as u32).to_string();
                    // Every byte sent: the server is at work now, and the bar says it has no end
                    // it knows of (no value) rather than stand at 100 %.
                    let sent = p >= 1.0;
                    let value = (!sent).then(|| percent.clone());
                    let words = move || if sent { t(Msg::ProcessingPhoto) } else { tf(Msg::UploadingPercent, &[("percent", &percent)]) };
                    view! {
                        <p class="upload-progress">
                            <label for="photo-progress">{words}</label>
                            <progress id="photo-progress" max="100" value=value></progress>
                        </p>
                    }
                })}
                <div class="actions">
                    <button type="button" class="button" on:click=move |_| start_upload() disabled=uploading>
                        {move || t(if uploading.get() { Msg::Uploading } else { Msg::UploadPhoto })}
                    </button>
                    <button type="button" class="button button-secondary" on:click=move |_| cancel() disabled=uploading>
                        {tr(Msg::Cancel)}
                    </button>
                </div>
            </Show>
        </section>
    }
}
