// The §2.6 field table of docs/livepeer-protocol.md as a protobufjs JSON schema: an encoder that
// shares nothing with our .proto or protoc-gen-es, used only to cross-check encodings in tests.
const f = (type: string, id: number, rule?: 'repeated') => (rule ? { type, id, rule } : { type, id });
const packed = (type: string, id: number) => ({ type, id, rule: 'repeated', options: { packed: true } });

export const LP_RPC_TABLE = {
  nested: {
    net: {
      nested: {
        PingPong: { fields: { value: f('bytes', 1) } },
        AuthToken: { fields: { token: f('bytes', 1), session_id: f('string', 2), expiration: f('int64', 3) } },
        OrchestratorRequest: {
          fields: {
            address: f('bytes', 1),
            sig: f('bytes', 2),
            capabilities: f('Capabilities', 3),
            ignoreCapacityCheck: f('bool', 4),
          },
        },
        OSInfo: {
          fields: { storageType: f('StorageType', 1), s3info: f('S3OSInfo', 16) },
          nested: { StorageType: { values: { DIRECT: 0, S3: 1, GOOGLE: 2 } } },
        },
        S3OSInfo: {
          fields: {
            host: f('string', 1),
            key: f('string', 2),
            policy: f('string', 3),
            signature: f('string', 4),
            credential: f('string', 5),
            xAmzDate: f('string', 6),
          },
        },
        PriceInfo: {
          fields: {
            pricePerUnit: f('int64', 1),
            pixelsPerUnit: f('int64', 2),
            capability: f('uint32', 3),
            constraint: f('string', 4),
          },
        },
        Capabilities: {
          fields: {
            bitstring: packed('uint64', 1),
            mandatories: packed('uint64', 2),
            capacities: { keyType: 'uint32', type: 'uint32', id: 3 },
            version: f('string', 4),
            constraints: f('Constraints', 5),
          },
          nested: {
            Constraints: {
              fields: {
                minVersion: f('string', 1),
                PerCapability: { keyType: 'uint32', type: 'CapabilityConstraints', id: 2 },
              },
            },
            CapabilityConstraints: {
              fields: { models: { keyType: 'string', type: 'ModelConstraint', id: 1 } },
              nested: {
                ModelConstraint: {
                  fields: {
                    warm: f('bool', 1),
                    capacity: f('uint32', 2),
                    runnerVersion: f('string', 3),
                    capacityInUse: f('uint32', 4),
                  },
                },
              },
            },
          },
        },
        TicketParams: {
          fields: {
            recipient: f('bytes', 1),
            face_value: f('bytes', 2),
            win_prob: f('bytes', 3),
            recipient_rand_hash: f('bytes', 4),
            seed: f('bytes', 5),
            expiration_block: f('bytes', 6),
            expiration_params: f('TicketExpirationParams', 7),
          },
        },
        TicketExpirationParams: { fields: { creation_round: f('int64', 1), creation_round_block_hash: f('bytes', 2) } },
        TicketSenderParams: { fields: { sender_nonce: f('uint32', 1), sig: f('bytes', 2) } },
        Payment: {
          fields: {
            ticket_params: f('TicketParams', 1),
            sender: f('bytes', 2),
            expiration_params: f('TicketExpirationParams', 3),
            ticket_sender_params: f('TicketSenderParams', 4, 'repeated'),
            expected_price: f('PriceInfo', 5),
          },
        },
        OrchestratorInfo: {
          fields: {
            transcoder: f('string', 1),
            ticket_params: f('TicketParams', 2),
            price_info: f('PriceInfo', 3),
            address: f('bytes', 4),
            capabilities: f('Capabilities', 5),
            auth_token: f('AuthToken', 6),
            storage: f('OSInfo', 32, 'repeated'),
            capabilities_prices: f('PriceInfo', 33, 'repeated'),
            nodes: f('string', 34, 'repeated'),
          },
        },
        VideoProfile: {
          fields: {
            name: f('string', 16),
            width: f('int32', 17),
            height: f('int32', 18),
            bitrate: f('int32', 19),
            fps: f('uint32', 20),
            format: f('uint32', 21),
            fpsDen: f('uint32', 22),
            profile: f('uint32', 23),
            gop: f('int32', 24),
            encoder: f('uint32', 25),
            colorDepth: f('int32', 26),
            chromaFormat: f('uint32', 27),
            quality: f('uint32', 28),
          },
        },
        SegParameters: { fields: { from: f('uint64', 1), to: f('uint64', 2) } },
        SegData: {
          fields: {
            manifestId: f('bytes', 1),
            seq: f('int64', 2),
            hash: f('bytes', 3),
            profiles: f('bytes', 4),
            sig: f('bytes', 5),
            duration: f('int32', 6),
            capabilities: f('Capabilities', 7),
            auth_token: f('AuthToken', 8),
            calc_perceptual_hash: f('bool', 10),
            storage: f('OSInfo', 32, 'repeated'),
            fullProfiles: f('VideoProfile', 33, 'repeated'),
            fullProfiles2: f('VideoProfile', 34, 'repeated'),
            fullProfiles3: f('VideoProfile', 35, 'repeated'),
            segment_parameters: f('SegParameters', 37),
            ForceSessionReinit: f('bool', 38),
          },
        },
        TranscodedSegmentData: {
          fields: { url: f('string', 1), pixels: f('int64', 2), perceptual_hash_url: f('string', 3) },
        },
        TranscodeData: { fields: { segments: f('TranscodedSegmentData', 1, 'repeated'), sig: f('bytes', 2) } },
        TranscodeResult: {
          oneofs: { result: { oneof: ['error', 'data'] } },
          fields: {
            seq: f('int64', 1),
            error: f('string', 2),
            data: f('TranscodeData', 3),
            info: f('OrchestratorInfo', 16),
          },
        },
      },
    },
  },
};
