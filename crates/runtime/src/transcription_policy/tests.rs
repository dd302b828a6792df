use std::sync::atomic::{AtomicUsize, Ordering};

use aira_core::Word;

use super::*;

/// A transcriber that answers with its name, or fails as told, and counts its calls.
struct Fake {
    name: &'static str,
    ready: Result<(), TranscribeError>,
    failure: Mutex<Option<TranscribeError>>,
    calls: AtomicUsize,
}

impl Fake {
    fn healthy(name: &'static str) -> Arc<Self> {
        Arc::new(Self {
            name,
            ready: Ok(()),
            failure: Mutex::new(None),
            calls: AtomicUsize::new(0),
        })
    }

    fn failing(name: &'static str, error: TranscribeError) -> Arc<Self> {
        let fake = Self::healthy(name);
        *lock(&fake.failure) = Some(error);
        fake
    }

    fn not_ready(name: &'static str, error: TranscribeError) -> Arc<Self> {
        Arc::new(Self {
            name,
            ready: Err(error),
            failure: Mutex::new(None),
            calls: AtomicUsize::new(0),
        })
    }

    fn heal(&self) {
        *lock(&self.failure) = None;
    }

    fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }
}

impl Transcriber for Fake {
    fn engine_name(&self) -> String {
        self.name.into()
    }

    fn check_ready(&self) -> PortFuture<'_, (), TranscribeError> {
        let ready = self.ready.clone();
        Box::pin(async move { ready })
    }

    fn transcribe(
        &self,
        samples: Vec<f32>,
        _options: TranscriptionOptions,
    ) -> PortFuture<'_, Transcript, TranscribeError> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        let failure = lock(&self.failure).clone();
        Box::pin(async move {
            if let Some(error) = failure {
                return Err(error);
            }
            let audio_ms = (samples.len() / 16) as u32;
            Ok(
                Transcript::from_words(vec![Word::new(self.name, 0, audio_ms)], audio_ms)
                    .answered_by(self.name),
            )
        })
    }
}

fn offline() -> TranscribeError {
    TranscribeError::cloud(CloudFailure::Offline, "the network is down")
}

fn policy(local: &Arc<Fake>, cloud: &Arc<Fake>, engine: EnginePolicy) -> PolicyTranscriber {
    PolicyTranscriber::new(
        Arc::clone(local) as Arc<dyn Transcriber>,
        Some(Arc::clone(cloud) as Arc<dyn Transcriber>),
        engine,
    )
}

async fn transcribe(transcriber: &PolicyTranscriber) -> Result<Transcript, TranscribeError> {
    transcriber
        .transcribe(vec![0.5; 16_000], TranscriptionOptions::default())
        .await
}

#[tokio::test]
async fn local_policy_never_touches_the_cloud() -> Result<(), TranscribeError> {
    let (local, cloud) = (Fake::healthy("local"), Fake::healthy("cloud"));
    let transcriber = policy(&local, &cloud, EnginePolicy::Local);
    let transcript = transcribe(&transcriber).await?;
    assert_eq!(transcript.engine, "local");
    assert_eq!(transcript.fallback, None);
    assert_eq!(cloud.calls(), 0);
    assert_eq!(transcriber.engine_name(), "local");
    Ok(())
}

#[tokio::test]
async fn cloud_policy_reports_cloud_errors_instead_of_going_local() {
    let (local, cloud) = (Fake::healthy("local"), Fake::failing("cloud", offline()));
    let transcriber = policy(&local, &cloud, EnginePolicy::Cloud);
    assert_eq!(transcribe(&transcriber).await, Err(offline()));
    assert_eq!(local.calls(), 0);
    cloud.heal();
    let transcript = transcribe(&transcriber).await;
    assert_eq!(
        transcript.map(|transcript| transcript.engine),
        Ok("cloud".into())
    );
}

#[tokio::test]
async fn auto_uses_a_healthy_cloud() -> Result<(), TranscribeError> {
    let (local, cloud) = (Fake::healthy("local"), Fake::healthy("cloud"));
    let transcriber = policy(&local, &cloud, EnginePolicy::Auto);
    let transcript = transcribe(&transcriber).await?;
    assert_eq!(transcript.engine, "cloud");
    assert_eq!(transcript.fallback, None);
    assert_eq!(local.calls(), 0);
    assert_eq!(
        transcriber.engine_name(),
        "cloud when available, else local"
    );
    Ok(())
}

#[tokio::test]
async fn auto_transcribes_locally_when_the_cloud_fails_and_rests_it_for_the_cool_down()
-> Result<(), TranscribeError> {
    let (local, cloud) = (Fake::healthy("local"), Fake::failing("cloud", offline()));
    let transcriber =
        policy(&local, &cloud, EnginePolicy::Auto).with_cool_down(Duration::from_millis(300));

    let first = transcribe(&transcriber).await?;
    assert_eq!(first.engine, "local");
    assert_eq!(
        first.text, "local",
        "the same audio went to the local engine"
    );
    let reason = first.fallback.unwrap_or_default();
    assert!(reason.contains("the network is down"), "{reason}");
    assert_eq!(cloud.calls(), 1);

    // Within the cool-down the cloud is not even tried, and the note says why.
    cloud.heal();
    let second = transcribe(&transcriber).await?;
    assert_eq!(second.engine, "local");
    let reason = second.fallback.unwrap_or_default();
    assert!(reason.contains("tries it again"), "{reason}");
    assert_eq!(cloud.calls(), 1);

    // After it, the cloud gets its chance again, and a success ends the cool-down.
    tokio::time::sleep(Duration::from_millis(350)).await;
    let third = transcribe(&transcriber).await?;
    assert_eq!((third.engine.as_str(), third.fallback), ("cloud", None));
    assert_eq!(cloud.calls(), 2);
    assert_eq!(local.calls(), 2);
    Ok(())
}

#[tokio::test]
async fn auto_stays_local_without_credentials_and_says_so() -> Result<(), TranscribeError> {
    let local = Fake::healthy("local");
    let cloud = Fake::not_ready(
        "cloud",
        TranscribeError::cloud(
            CloudFailure::AccessDenied,
            "no AWS credentials are configured",
        ),
    );
    let transcriber = policy(&local, &cloud, EnginePolicy::Auto);
    let transcript = transcribe(&transcriber).await?;
    assert_eq!(transcript.engine, "local");
    assert_eq!(
        transcript.fallback.as_deref(),
        Some("no AWS credentials are configured")
    );
    assert_eq!(cloud.calls(), 0);
    Ok(())
}

#[tokio::test]
async fn silence_heard_by_the_cloud_is_not_a_reason_to_go_local() {
    let (local, cloud) = (
        Fake::healthy("local"),
        Fake::failing("cloud", TranscribeError::NoSpeech),
    );
    let transcriber = policy(&local, &cloud, EnginePolicy::Auto);
    assert_eq!(
        transcribe(&transcriber).await,
        Err(TranscribeError::NoSpeech)
    );
    assert_eq!(local.calls(), 0);
    // Nor does it rest the cloud.
    cloud.heal();
    let transcript = transcribe(&transcriber).await;
    assert_eq!(
        transcript.map(|transcript| transcript.engine),
        Ok("cloud".into())
    );
}

#[tokio::test]
async fn the_policy_can_change_while_running() {
    let (local, cloud) = (Fake::healthy("local"), Fake::healthy("cloud"));
    let transcriber = policy(&local, &cloud, EnginePolicy::Local);
    transcriber.set_policy(EnginePolicy::Cloud);
    assert_eq!(transcriber.policy(), EnginePolicy::Cloud);
    let transcript = transcribe(&transcriber).await;
    assert_eq!(
        transcript.map(|transcript| transcript.engine),
        Ok("cloud".into())
    );
}

#[tokio::test]
async fn without_a_cloud_engine_cloud_mode_fails_and_auto_goes_local() {
    let local = Fake::healthy("local");
    let transcriber = PolicyTranscriber::new(
        Arc::clone(&local) as Arc<dyn Transcriber>,
        None,
        EnginePolicy::Cloud,
    );
    assert!(matches!(
        transcribe(&transcriber).await,
        Err(TranscribeError::Cloud { .. })
    ));
    transcriber.set_policy(EnginePolicy::Auto);
    let transcript = transcribe(&transcriber).await;
    assert!(transcript.is_ok_and(|transcript| transcript.fallback.is_some()));
}
