import type { CountyConfig } from '../../shared/config/county-config.ts';

const demoSource = { platformDefault: '本机演示：县文件尚未写入上级平台地址，演示数据推送到本机接收端（local/exchange/upstream-receiver.ts） / the local demo only' };

/**
 * The demo's upstream destinations, for a county whose file names none yet: the city platform as signed HTTPS
 * deliveries (to the local receiving endpoint, like every https destination locally) and the province as daily files.
 */
export function demoDestinations(county: CountyConfig): CountyConfig {
  return {
    ...county,
    exchange: {
      ...county.exchange,
      destinations: [
        { id: 'city', name: '市公共信用信息平台（演示）', transport: 'https', url: 'http://localhost/city', personIdNumbers: 'masked', source: demoSource },
        { id: 'province-files', name: '省公共信用信息平台·每日文件（演示）', transport: 'file', kinds: ['licence', 'penalty'], personIdNumbers: 'masked', source: demoSource },
      ],
    },
  };
}
