/* care-hostile-cert.h — a self-signed certificate for 127.0.0.1, for tests
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

/* A self-signed certificate for 127.0.0.1 (with its key, and CA:TRUE),
 * made once with openssl. Nothing trusts it unless a test says so
 * (test-auth-fake.c relies on that; the hostile portal's https listener
 * is trusted by the tests that use it). */
static const char care_hostile_self_signed_pem[] =
  "-----BEGIN CERTIFICATE-----\n"
  "MIIDHDCCAgSgAwIBAgIUabQB7+H1tOtdk71POUiumu1GetQwDQYJKoZIhvcNAQEL\n"
  "BQAwFDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTEyNDE4MDA0NFoYDzIxMjYx\n"
  "MDMxMTgwMDQ0WjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwggEiMA0GCSqGSIb3DQEB\n"
  "AQUAA4IBDwAwggEKAoIBAQDfba9Ls2bpJF708qe4W2jSSN2y7uQ5DfZY35O2a0RN\n"
  "Dq/7BytsVX6WEbEWy5+V5UV3JmyHYMk4KLjRosw515iWiPsQaYXH0Q+obfbB/pYI\n"
  "lmfP1OmH4h9P/8lqduacsf/ffYgmnFo0HmY7Yp8RgQAoQp1LKx9si1v9PuhAFS6i\n"
  "eoVV+Jb+CtPeML9Jvn57mnKaigQYiDprdJrAe1q1S9WLGtDhMza+xJ5Wi5ZyNZRa\n"
  "CFh5oarRDkZVOQ6JQcOUdPE8m4pHJdrGACWKLHmyvwSd74V1IjgC/pGCYNRAhoJR\n"
  "CaNirXMAesBqewfOBIplWywbuuxPyXqWukoyk2TXANn5AgMBAAGjZDBiMB0GA1Ud\n"
  "DgQWBBQzZX85ue+hE9Gv7//Fs7nr2E5rLzAfBgNVHSMEGDAWgBQzZX85ue+hE9Gv\n"
  "7//Fs7nr2E5rLzAPBgNVHRMBAf8EBTADAQH/MA8GA1UdEQQIMAaHBH8AAAEwDQYJ\n"
  "KoZIhvcNAQELBQADggEBAGg7SDn6Vf8SJOeeuJLS20BqHnWvwRfoBH/bIsFto2VJ\n"
  "SG/aMWN+1gON4nWWr0YHQkzsqzUtEsLC8pnKu7IRNLJ1sCusK73nay0f/ynnieNy\n"
  "4/1mASgYIHiQ+rzNQesveqUOGqTzGTxESEs8jlnfCkn+GMWhM7qwv27wsiPP4FlC\n"
  "6w+y1gpuL5Br5HsNMVIkFTX9HESDOgA357kiptJ0FwrEIdPAtVqFDVo8yeQ6Wgej\n"
  "6SNO0ajPmCtv1ykmGDojixDh+5XDrXexORqtdrSvT5c5Wch2j9EALDNvPnzOxv5Q\n"
  "UrtHmI1+0oWsvFcLov1ZDzyIIvaaYW53FIPYEV0xoIo=\n"
  "-----END CERTIFICATE-----\n"
  "-----BEGIN PRIVATE KEY-----\n"
  "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDfba9Ls2bpJF70\n"
  "8qe4W2jSSN2y7uQ5DfZY35O2a0RNDq/7BytsVX6WEbEWy5+V5UV3JmyHYMk4KLjR\n"
  "osw515iWiPsQaYXH0Q+obfbB/pYIlmfP1OmH4h9P/8lqduacsf/ffYgmnFo0HmY7\n"
  "Yp8RgQAoQp1LKx9si1v9PuhAFS6ieoVV+Jb+CtPeML9Jvn57mnKaigQYiDprdJrA\n"
  "e1q1S9WLGtDhMza+xJ5Wi5ZyNZRaCFh5oarRDkZVOQ6JQcOUdPE8m4pHJdrGACWK\n"
  "LHmyvwSd74V1IjgC/pGCYNRAhoJRCaNirXMAesBqewfOBIplWywbuuxPyXqWukoy\n"
  "k2TXANn5AgMBAAECggEAHIRMCrtxInH+n1ZBSz8k19duWczdMDMKAuSLs+K+VZ95\n"
  "nUPtqjwXQLbYBXLOgZFBFn4UUrXAY6c+6kgpt3rprNJQSRNO0ebAZYeeJmXaEb/b\n"
  "Vs7JUmCYDTE2gfIpvkzcaFKwsqI4w8za0NrmNpO3yMEH1nTrOS1oUPWwgE1eew+E\n"
  "Yv1fcotjx2RXf7d1xgAd0+L5ZnZN8IxQEABXS71q+DIuFiaWtzjwgYNpBXW9O8N5\n"
  "uv6SwVj0R1bC8VxCVG2wv2syOgfevkGAZlXxWnkb6WeP4Fnh5vPpScWZOsP9cY8U\n"
  "ARXW1bOUbr8GNBjOP5dEiebrJGiW9SReUlKtHXm/6QKBgQD/8WcVLCNVHu825sD9\n"
  "sBWLXLCsJeQMY5S5uVUioVYH5IwcxSiqGYNtJm4kjT1PncULGEL7PZcFCU5GKaaw\n"
  "kmR/2wIhMjnzs59AoX3mTB32d5LrmbbymUavK5JznQs6mSGqSZOcqS3SySKcoyOD\n"
  "0vtDiwehWVC5tchlk93e06px/wKBgQDfem17YAIHpkyQZ0QX+rxYIgPIpwPwxj/1\n"
  "tQ317ZSE54G36jIa8Z1Ck/3dWi8M7V9PoXe6dBL2xliF+jnSP1WtEVWfCADVRrnP\n"
  "4Mu4n8jzyyJkXMNIfRtspGncVSLtcpnCncSTC22r4YKK8SCSQsvWfjDX08YfJmsV\n"
  "pfZnGPBEBwKBgEs0ar685nDnkxDFwyWH7PyzMrKSu6ysQhJEk/CGCZpuHIGDqUw6\n"
  "DPUwmqKg4cgYKsL00RGz6kEvl9FkAbfWfDNZbgnFEWQ7fmrmSPE3ooI+ZmxWEXy9\n"
  "bxifq/vOxHLmdg7sabRZvb43HbV69j+Q6gXRv184uFCpSoYWadZEycuPAoGBALYb\n"
  "0O2RvfW32Xpu/DlCNIrpJQY0u2xQUTyLjtXSBY4MDVPuv2ffbhQb/uqLG/4/zMRa\n"
  "QvOotO9tkCOVVdrzi4CduJUAc5VYrgAtIjXP13R7GwqH4QbIFDoC/NT0d6LhGVVT\n"
  "NSXSUUuYV8WbWrx1PCAM8wZdZ3xo1Sht9o3q75evAoGALF8bI2r0Xs++nCpC7j3y\n"
  "zoTh2GItqgfiuBiosh7I5rGzqgq2eNI2LGYVFOEM6giyauyMMi22NaX/Mao2o9Fp\n"
  "WTkT337YI6PQbwKrWQk7mudOgklYka6At6TOwp4IsLVS/8ZVpdHmlHbTM3Iii8B4\n"
  "6DPtbUqniE97Y459f8+lHzU=\n"
  "-----END PRIVATE KEY-----\n";
