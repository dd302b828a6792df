//! A thread that owns what cannot cross threads (a cpal stream) and is driven by commands
//! over a channel. Dropping the handle closes the channel; the thread's loop ends on that
//! and is joined.

use std::sync::mpsc;
use std::thread::JoinHandle;

use crate::error::AudioError;

pub(crate) struct CommandThread<C> {
    name: &'static str,
    commands: Option<mpsc::Sender<C>>,
    thread: Option<JoinHandle<()>>,
}

impl<C: Send + 'static> CommandThread<C> {
    /// Starts `run` on a thread called `name`; it receives every command sent here, and
    /// must return when the receiver reports the channel closed.
    pub fn spawn(
        name: &'static str,
        run: impl FnOnce(mpsc::Receiver<C>) + Send + 'static,
    ) -> Result<Self, AudioError> {
        let (commands, receiver) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name(name.into())
            .spawn(move || run(receiver))?;
        Ok(Self {
            name,
            commands: Some(commands),
            thread: Some(thread),
        })
    }

    pub fn send(&self, command: C) -> Result<(), AudioError> {
        self.commands
            .as_ref()
            .ok_or(AudioError::ThreadGone)?
            .send(command)
            .map_err(|_| AudioError::ThreadGone)
    }

    /// Sends the command `make` builds around a reply channel, and waits for the reply.
    pub fn request<T>(
        &self,
        make: impl FnOnce(mpsc::Sender<Result<T, AudioError>>) -> C,
    ) -> Result<T, AudioError> {
        let (reply, response) = mpsc::channel();
        self.send(make(reply))?;
        response.recv().map_err(|_| AudioError::ThreadGone)?
    }
}

impl<C> Drop for CommandThread<C> {
    fn drop(&mut self) {
        drop(self.commands.take());
        if let Some(thread) = self.thread.take()
            && thread.join().is_err()
        {
            tracing::error!(thread = self.name, "audio thread panicked");
        }
    }
}

/// Hands a reply back to a caller that may have stopped waiting.
pub(crate) fn send_reply<T>(reply: &mpsc::Sender<T>, value: T) {
    if reply.send(value).is_err() {
        tracing::warn!("the caller stopped waiting for the audio thread");
    }
}
