//! Every sentence and word of the app's own, in English, keyed by message id. The Hindi and
//! Tamil catalogues (`locales/*.json`) use the same ids; `{name}` marks a value filled in.

macro_rules! messages {
    ($($id:ident = $english:literal,)*) => {
        /// A message of the app's own; `t(Msg::SignIn)` gives it in the current language.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Msg {
            $($id,)*
        }

        impl Msg {
            pub const ALL: &'static [Msg] = &[$(Msg::$id,)*];
            const KEYS: &'static [&'static str] = &[$(stringify!($id),)*];
            const ENGLISH: &'static [&'static str] = &[$($english,)*];

            /// The id the catalogues use.
            pub fn key(self) -> &'static str {
                Msg::KEYS[self as usize]
            }

            pub fn english(self) -> &'static str {
                Msg::ENGLISH[self as usize]
            }
        }
    };
}

messages! {
    // The shell
    AppName = "Testpress Profile",
    SkipToContent = "Skip to content",
    StorageBlocked = "This browser is blocking storage for this site, so you will stay signed in only while this tab is open.",
    Language = "Language",
    LanguageUnavailable = "That language couldn't be loaded. Check your connection and try again.",
    AccountMenu = "Account menu",
    AccountMenuFor = "Account menu for {name}",
    MyProfile = "My profile",
    EditProfile = "Edit profile",
    SignOut = "Sign out",
    PageNotFound = "Page not found",
    PageNotFoundText = "There is nothing at this address. It may have been mistyped, or the page has moved.",
    GoToProfile = "Go to your profile",
    TryAgain = "Try again",
    SomethingWentWrong = "Something went wrong. Please try again.",
    UpdateReady = "A new version of this app is ready.",
    Reload = "Reload",
    // Sign-in
    SignIn = "Sign in",
    SigningIn = "Signing in…",
    Username = "Username",
    Password = "Password",
    Show = "Show",
    Hide = "Hide",
    ShowPassword = "Show password",
    HidePassword = "Hide password",
    ForgotPassword = "Forgot password?",
    EnterUsername = "Enter your username.",
    EnterPassword = "Enter your password.",
    WrongCredentials = "That username and password don't match. Check both for typing mistakes (the password is case-sensitive) and try again.",
    SessionExpired = "Your session has expired. Please sign in again.",
    // Profiles
    MyProfileTitle = "{name} — My profile",
    Student = "Student",
    LoadingProfile = "Loading profile…",
    Details = "Details",
    Batches = "Batches",
    NoBatches = "Not in any batch yet.",
    NotProvided = "Not provided",
    Add = "Add",
    AddField = "Add {field}",
    Address = "Address",
    OnlyPublicDetails = "Only public details are shown.",
    OfflineCopy = "You're offline. This is your profile as of {time}.",
    UnreachableCopy = "Testpress can't be reached right now. This is your profile as of {time}.",
    // The edit form
    YourDetails = "Your details",
    GroupName = "Name",
    GroupContact = "Contact",
    GroupAddress = "Address",
    GroupAboutYou = "About you",
    FirstName = "First name",
    LastName = "Last name",
    Email = "Email",
    Phone = "Phone",
    BirthDate = "Birth date",
    Gender = "Gender",
    Address1 = "Address line 1",
    Address2 = "Address line 2",
    City = "City",
    State = "State",
    PinCode = "PIN code",
    GenderMale = "Male",
    GenderFemale = "Female",
    GenderTransgender = "Transgender",
    NotSet = "Not set",
    PhoneHint = "10 digits, for example 9876543210.",
    PinHint = "6 digits.",
    EnterFirstName = "Enter your first name.",
    EnterEmail = "Enter your email address.",
    EnterPhone = "Enter your phone number.",
    EmailShape = "Enter an email address like name@example.com.",
    PhoneShape = "Enter a phone number of exactly 10 digits.",
    PinShape = "Enter a PIN code of exactly 6 digits.",
    DateShape = "Enter a date as YYYY-MM-DD, for example 1994-08-27.",
    DateInFuture = "Enter a birth date that is not in the future.",
    DateBefore1900 = "Enter a birth date after 1900.",
    ChooseListedOption = "Choose one of the listed options.",
    ChooseListedState = "Choose one of the listed states.",
    UseAtMostChars = "Use at most {n} characters.",
    SaveChanges = "Save changes",
    Saving = "Saving…",
    DiscardChanges = "Discard changes",
    ProfileSaved = "Your profile has been saved.",
    ViewProfile = "View your profile",
    NothingToSave = "There are no changes to save.",
    ChangesDiscarded = "Your unsaved changes were discarded.",
    ChangesStillHere = "Your changes are still here; save again when you're ready.",
    SaveNeedsConnection = "You're offline, so your changes couldn't be saved. They are kept here: save again once you're back online.",
    BackOnlineSaveNow = "You're back online. Press Save changes to save what you typed.",
    DraftRestored = "We restored the changes you hadn't saved yet.",
    DraftDamaged = "Your unsaved changes couldn't be restored, so they were discarded.",
    LeaveQuestion = "You have unsaved changes. Leave this page without saving them?",
    // The photo
    Photo = "Photo",
    ChoosePhoto = "Choose a new photo",
    PhotoHint = "JPEG or PNG, up to 10 MB.",
    ChosenFile = "Chosen: {name}",
    CropHelp = "Drag the photo or use the arrow keys to place it in the circle. Zoom with the slider, the mouse wheel, or the + and − keys. Escape cancels.",
    CropPreview = "Crop preview: the circle shows your new photo",
    CropArea = "movable crop area",
    Zoom = "Zoom",
    UploadPhoto = "Upload photo",
    Uploading = "Uploading…",
    UploadingPercent = "Uploading… {percent}%",
    Cancel = "Cancel",
    PhotoSaved = "Your new photo is saved.",
    PhotoRefused = "Testpress couldn't use that photo. Please choose another one.",
    PhotoStillSelected = "Your photo is still selected, so you can upload it again.",
    PhotoCannotPrepare = "We couldn't prepare that photo. Please try another one.",
    FileCannotOpen = "This browser couldn't open that file. Please try another photo.",
    FileNotPhoto = "We couldn't open that file as a photo. Please choose a JPEG or PNG.",
    FileNotImage = "That file isn't an image. Please choose a photo (JPEG or PNG).",
    FileTooLarge = "That photo is larger than 10 MB. Please choose a smaller one.",
    FileEmpty = "That file is empty. Please choose another photo.",
    // API failures
    ErrNetwork = "We couldn't reach Testpress. Check your internet connection and try again.",
    ErrTimeout = "Testpress is taking too long to answer. Please try again in a moment.",
    ErrNoAccess = "It looks like you don't have access to this.",
    ErrNotFound = "We couldn't find that. It may have been removed.",
    ErrInvalid = "Some details need correcting. Please check the highlighted fields.",
    ErrThrottledFor = "Too many attempts. Please wait {wait} and try again.",
    ErrThrottled = "Too many attempts. Please wait a little and try again.",
    ErrServer = "Testpress is having trouble right now. Please try again in a few minutes.",
    ErrBadResponse = "Testpress sent an answer we couldn't read. Please try again in a few minutes.",
    ErrUnexpected = "Something went wrong (error {status}). Please try again.",
    WaitOneSecond = "1 second",
    WaitSeconds = "{n} seconds",
    WaitMinutes = "{n} minutes",
}
