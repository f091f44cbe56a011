//! One avatar for every place: the browser picks the variant from `srcset`/`sizes`, the box
//! size is fixed so nothing shifts, and initials stand in when there is no usable photo.

use crate::profile::{initials, Images};
use leptos::prelude::*;

/// Where an avatar sits, which fixes its rendered size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AvatarSize {
    /// 32 px, in the header.
    Header,
    /// 128 px on phones, 256 px on wide screens (see `.avatar-profile` in the CSS).
    Profile,
}

impl AvatarSize {
    /// The width and height attributes (CSS may enlarge the profile slot on wide screens).
    pub fn px(self) -> u32 {
        match self {
            AvatarSize::Header => 32,
            AvatarSize::Profile => 128,
        }
    }

    /// Must match the CSS breakpoints for the slot.
    pub fn sizes(self) -> &'static str {
        match self {
            AvatarSize::Header => "32px",
            AvatarSize::Profile => "(min-width: 64rem) 256px, 128px",
        }
    }

    fn class(self) -> &'static str {
        match self {
            AvatarSize::Header => "avatar-header",
            AvatarSize::Profile => "avatar-profile",
        }
    }
}

/// `url 24w, url 32w, …` over the variants present. Commas inside a URL would split the
/// list, so they are percent-encoded.
pub fn srcset(images: &Images) -> String {
    images.variants().iter().map(|(url, w)| format!("{} {w}w", url.replace(',', "%2C"))).collect::<Vec<_>>().join(", ")
}

/// The `src` for browsers without `srcset`: the smallest variant at least as wide as the slot.
pub fn fallback_src(images: &Images, size: AvatarSize) -> String {
    let variants = images.variants();
    variants
        .iter()
        .find(|(_, w)| *w >= size.px())
        .or(variants.last())
        .map(|(url, _)| url.to_string())
        .unwrap_or_default()
}

#[component]
pub fn Avatar(images: Images, #[prop(into)] name: String, size: AvatarSize) -> impl IntoView {
    let failed = RwSignal::new(false);
    let px = size.px();
    let initials_view = {
        let name = name.clone();
        move || {
            view! {
                <span class=format!("avatar-initials {}", size.class()) role="img" aria-label=name.clone()>
                    {initials(&name)}
                </span>
            }
        }
    };
    if images.is_empty() {
        return initials_view().into_any();
    }
    let (srcset, src) = (srcset(&images), fallback_src(&images, size));
    (move || {
        if failed.get() {
            initials_view().into_any()
        } else {
            view! {
                <img
                    class=format!("avatar {}", size.class())
                    sizes=size.sizes()
                    srcset=srcset.clone()
                    src=src.clone()
                    width=px
                    height=px
                    alt=name.clone()
                    decoding="async"
                    on:error=move |_| failed.set(true)
                />
            }
            .into_any()
        }
    })
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn images() -> Images {
        Images {
            large: "https://c/l.jpg".into(),
            medium: "https://c/m.jpg".into(),
            small: "https://c/s.jpg".into(),
            x_small: "https://c/x.jpg".into(),
            mini: "https://c/n,1.jpg".into(),
        }
    }

    #[test]
    fn srcset_lists_every_variant_with_its_width() {
        assert_eq!(
            srcset(&images()),
            "https://c/n%2C1.jpg 24w, https://c/x.jpg 32w, https://c/s.jpg 48w, https://c/m.jpg 128w, https://c/l.jpg 256w"
        );
        let partial = Images { large: "https://c/l.jpg".into(), ..Images::default() };
        assert_eq!(srcset(&partial), "https://c/l.jpg 256w");
        assert_eq!(srcset(&Images::default()), "");
    }

    #[test]
    fn sizes_match_the_slots() {
        assert_eq!(AvatarSize::Header.sizes(), "32px");
        assert_eq!(AvatarSize::Profile.sizes(), "(min-width: 64rem) 256px, 128px");
        assert_eq!(fallback_src(&images(), AvatarSize::Header), "https://c/x.jpg");
        assert_eq!(fallback_src(&images(), AvatarSize::Profile), "https://c/m.jpg");
        let tiny = Images { mini: "https://c/n.jpg".into(), ..Images::default() };
        assert_eq!(fallback_src(&tiny, AvatarSize::Profile), "https://c/n.jpg", "the largest there is");
    }
}
