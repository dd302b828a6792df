//! What Aira's AWS adapters (Transcribe, Bedrock, Polly) share, so each adapter only says
//! what is particular to its service:
//! - [`account`]: the profile and region chosen in Settings, shared by every client.
//! - [`config`]: the standard configuration (credentials chain, region, endpoint variables),
//!   read on first use so opening Aira needs neither network nor credentials; an HTTPS
//!   client that trusts an extra certificate authority.
//! - [`credentials`]: a quick, remembered "are there credentials?" check for auto mode.
//! - [`lazy_client`]: a service client made on first use, with that check.
//! - [`failure`]: any SDK error as a [`CloudError`]: offline, access denied, throttled,
//!   timed out, or the service's own failure, with a message that names the fix.

pub mod account;
pub mod config;
pub mod credentials;
pub mod failure;
pub mod lazy_client;

pub use account::{AwsAccount, SharedAccount, is_profile_name, is_region_name, profile_names};
pub use config::{
    CONNECT_TIMEOUT, ClientOptions, DEFAULT_REGION, https_client_trusting, load_standard_config,
    sdk_config_with_keys, tuned_config,
};
pub use credentials::CredentialsCheck;
pub use failure::{CloudError, classify, credentials_failure, describe_chain};
pub use lazy_client::{ConfigSource, LazyClient};
