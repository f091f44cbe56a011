//! The photo chosen and cropped in the photo editor, which the form's "Save changes" saves
//! too, so a student who picked a photo needs no separate step. The edit page provides it,
//! the editor offers the photo's upload, and the form starts it and hears how it went.

use leptos::prelude::*;

/// How an upload the form asked for ended: `Err` holds the sentence to show.
pub type PhotoResult = Result<(), String>;

#[derive(Clone, Copy)]
pub struct PendingPhoto {
    /// A photo is chosen and cropped, not yet saved.
    ready: RwSignal<bool>,
    /// Its upload is on the way.
    uploading: RwSignal<bool>,
    /// Starts the chosen photo's upload; the editor's, while it is on the page.
    start: StoredValue<Option<Callback<()>>>,
    /// Whether the running upload was started by the form, which then hears its outcome.
    for_form: StoredValue<bool>,
    /// The outcome of the last upload the form started.
    result: RwSignal<Option<PhotoResult>>,
}

impl PendingPhoto {
    /// Provides it to the edit page's photo editor and form. Call once, in the page.
    pub fn provide() {
        provide_context(PendingPhoto {
            ready: RwSignal::new(false),
            uploading: RwSignal::new(false),
            start: StoredValue::new(None),
            for_form: StoredValue::new(false),
            result: RwSignal::new(None),
        });
    }

    // The editor's side.

    /// Offers the editor's upload; `ready` says when there is a photo to upload.
    pub fn offer(&self, ready: Memo<bool>, uploading: Signal<bool>, start: Callback<()>) {
        let this = *self;
        this.start.set_value(Some(start));
        Effect::new(move |_| this.ready.set(ready.get()));
        Effect::new(move |_| this.uploading.set(uploading.get()));
        on_cleanup(move || {
            this.ready.try_set(false);
            this.uploading.try_set(false);
            this.start.try_set_value(None);
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
        self.ready.get()
    }

    /// Whether its upload is on the way (tracked).
    pub fn uploading(&self) -> bool {
        self.uploading.get()
    }

    pub fn ready_untracked(&self) -> bool {
        self.ready.get_untracked()
    }

    /// Starts the chosen photo's upload; `false` if there is none (the editor is gone).
    pub fn start(&self) -> bool {
        let Some(start) = self.start.get_value() else { return false };
        self.result.set(None);
        self.for_form.set_value(true);
        start.run(());
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
