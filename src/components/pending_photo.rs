//! The photo chosen and cropped in the photo editor, which the form's "Save changes" saves
//! too, so a student who picked a photo needs no separate step. The edit page provides it,
//! the editor offers the photo's upload, and the form starts it and hears how it went.

use leptos::prelude::*;

/// How an upload the form asked for ended: `Err` holds the sentence to show.
pub type PhotoResult = Result<(), String>;

#[derive(Clone, Copy)]
pub struct PendingPhoto {
    /// The editor's own state and upload, while it is on the page: read where it lives,
    /// not mirrored, so the form never sees it a tick late.
    offered: RwSignal<Option<Offer>>,
    /// Whether the running upload was started by the form, which then hears its outcome.
    for_form: StoredValue<bool>,
    /// The outcome of the last upload the form started.
    result: RwSignal<Option<PhotoResult>>,
}

#[derive(Clone, Copy)]
struct Offer {
    /// A photo is chosen and cropped, not yet saved.
    ready: Signal<bool>,
    /// Its upload is on the way.
    uploading: Signal<bool>,
    start: Callback<()>,
}

impl PendingPhoto {
    /// Provides it to the edit page's photo editor and form. Call once, in the page.
    pub fn provide() {
        provide_context(PendingPhoto {
            offered: RwSignal::new(None),
            for_form: StoredValue::new(false),
            result: RwSignal::new(None),
        });
    }

    // The editor's side.

    /// Offers the editor's upload until the editor goes; `ready` says when there is a photo
    /// to upload.
    pub fn offer(&self, ready: Signal<bool>, uploading: Signal<bool>, start: Callback<()>) {
        let offered = self.offered;
        offered.set(Some(Offer { ready, uploading, start }));
        on_cleanup(move || {
            offered.try_set(None);
        });
    }

    /// Takes the mark of an upload started by the form: `true` once for such an upload.
    pub fn take_for_form(&self) -> bool {
        self.for_form.try_update_value(std::mem::take).unwrap_or(false)
    }

    /// Tells the form how the upload it started ended.
    pub fn report(&self, result: PhotoResult) {
        self.result.try_set(Some(result));
    }

    // The form's side.

    /// Whether a chosen photo waits to be saved (tracked).
    pub fn ready(&self) -> bool {
        self.offered.get().is_some_and(|o| o.ready.try_get().unwrap_or(false))
    }

    /// Whether its upload is on the way (tracked).
    pub fn uploading(&self) -> bool {
        self.offered.get().is_some_and(|o| o.uploading.try_get().unwrap_or(false))
    }

    pub fn ready_untracked(&self) -> bool {
        self.offered.get_untracked().is_some_and(|o| o.ready.try_get_untracked().unwrap_or(false))
    }

    /// Starts the chosen photo's upload; `false` if there is none (the editor is gone).
    pub fn start(&self) -> bool {
        let Some(offer) = self.offered.get_untracked() else { return false };
        self.result.set(None);
        self.for_form.set_value(true);
        offer.start.run(());
        true
    }

    /// The outcome of the last upload the form started (tracked).
    pub fn result(&self) -> Option<PhotoResult> {
        self.result.get()
    }

    pub fn forget_result(&self) {
        self.result.set(None);
    }
}

pub fn use_pending_photo() -> Option<PendingPhoto> {
    use_context::<PendingPhoto>()
}
