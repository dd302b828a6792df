//! The AWS account the cloud engines use, as Settings shows it.

use serde::{Deserialize, Serialize};

/// Regions offered in Settings, the default first: each has Amazon Transcribe streaming,
/// Polly and Bedrock's Claude Haiku. Any other region can be set from the CLI.
pub const SUGGESTED_AWS_REGIONS: [&str; 8] = [
    "ap-south-1",
    "ap-southeast-1",
    "ap-northeast-1",
    "eu-west-1",
    "eu-west-2",
    "eu-central-1",
    "us-east-1",
    "us-west-2",
];

/// `aws_profiles`: the profiles in the user's AWS config and credentials files.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AwsProfilesOutput {
    pub profiles: Vec<String>,
    /// Why the files could not be read, when they could not.
    pub unreadable: Option<String>,
}
