//! Stops a running whisper.cpp job when its caller gives up (a partial transcript made stale
//! by a finished piece, a recording cancelled): whisper.cpp asks an abort hook between
//! encoder pass and after each decoding step, so a cancelled job ends there instead of
//! running to its end.

// whisper.cpp's abort hook is a C callback. (whisper-rs's closure wrapper for it passes the
// closure as the wrong type, so Aira installs its own.)
#![allow(unsafe_code)]

use std::ffi::c_void;
use std::sync::atomic::{AtomicBool, Ordering};

use whisper_rs::FullParams;

/// Makes `parameters` abort the job once `cancel` is set. `cancel` must outlive every
/// `full` call made with them, which the borrow on `'flag` ensures.
pub fn install<'flag>(cancel: &'flag AtomicBool, parameters: &mut FullParams<'_, 'flag>) {
    // SAFETY: the hook only reads the flag through `user_data`, which stays valid for
    // `'flag`; an atomic may be read from whisper.cpp's worker threads.
    unsafe {
        parameters.set_abort_callback(Some(is_cancelled));
        parameters
            .set_abort_callback_user_data(std::ptr::from_ref(cancel).cast_mut().cast::<c_void>());
    }
}

unsafe extern "C" fn is_cancelled(user_data: *mut c_void) -> bool {
    if user_data.is_null() {
        return false;
    }
    // SAFETY: `user_data` is the `AtomicBool` installed above, alive for the whole call.
    let cancel = unsafe { &*user_data.cast::<AtomicBool>() };
    cancel.load(Ordering::Relaxed)
}
